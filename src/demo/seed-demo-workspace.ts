/**
 * The demo workspace created on first start (unless ARI_DEMO=0): Eagle Overseas
 * Education, the study-abroad consultancy ARI was first built for. It is seed data,
 * nothing about it is hard-coded elsewhere.
 */
import { sql } from 'drizzle-orm';
import type { KnowledgeEntry } from '../core/assistant-settings.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';
import { createWorkspace, type Workspace } from '../workspaces/create-workspace.js';
import { ensureDefaultConsultant } from '../booking/ensure-default-consultant.js';

export const DEMO_SLUG = 'eagle-overseas';

const knowledgeEntries: KnowledgeEntry[] = [
  {
    category: 'layanan',
    title: 'Layanan Eagle Overseas',
    content:
      'Eagle Overseas Education membantu pendaftaran kuliah ke Australia, Inggris, Kanada, Selandia Baru dan Amerika: pemilihan kampus, pendaftaran, visa pelajar dan persiapan keberangkatan.',
    keywords: ['layanan', 'service', 'bantu', 'help', 'negara', 'countries'],
  },
  {
    category: 'konsultasi',
    title: 'Konsultasi gratis',
    content: 'Konsultasi pertama gratis, 60 menit, bisa online (Zoom) atau di kantor kami di Jakarta Selatan.',
    keywords: ['konsultasi', 'consultation', 'gratis', 'free', 'kantor', 'office', 'alamat'],
  },
  {
    category: 'persyaratan',
    title: 'Dokumen yang dibutuhkan',
    content: 'Dokumen utama: paspor yang masih berlaku, CV, hasil tes IELTS atau TOEFL, dan transkrip nilai terakhir.',
    keywords: ['dokumen', 'documents', 'syarat', 'requirements', 'paspor', 'passport'],
  },
  {
    category: 'bahasa',
    title: 'Skor IELTS',
    content:
      'Sebagian besar universitas meminta IELTS minimal 6.0 sampai 6.5 (tidak ada band di bawah 6.0); beberapa menerima kursus bahasa (pathway) bila skor belum cukup.',
    keywords: ['ielts', 'toefl', 'skor', 'score', 'english', 'bahasa inggris'],
  },
];

/**
 * Creates the demo workspace if the database has no workspace at all. Two servers
 * starting at once on one PostgreSQL may both try: the loser's conflict is fine.
 */
export async function seedDemoWorkspace(db: AriDatabase): Promise<Workspace | null> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(workspaces);
  if ((row?.count ?? 0) > 0) return null;
  return createDemoWorkspace(db).catch((error: unknown) => {
    if (error instanceof UserError && error.code === 'conflict') return null;
    throw error;
  });
}

async function createDemoWorkspace(db: AriDatabase): Promise<Workspace> {
  const workspace = await createWorkspace(
    db,
    { name: 'Eagle Overseas Education', slug: DEMO_SLUG, timezone: 'Asia/Jakarta' },
    {
      botName: 'Ari',
      language: 'id',
      persona:
        'Ari adalah konsultan pendidikan luar negeri dari Eagle Overseas Education: hangat, profesional, dan membantu calon siswa merencanakan studi ke luar negeri.',
      tone: 'ramah, sopan, singkat; memanggil pelanggan "kak"',
      greetingTemplate:
        'Selamat {waktu} kak {nama}! Saya Ari dari {workspace}. Ada rencana kuliah ke luar negeri yang bisa saya bantu?',
      communityLink: 'https://chat.whatsapp.com/eagle-overseas-community',
      consultationOffer:
        'Kakak bisa ikut konsultasi 1-on-1 gratis dengan konsultan kami (60 menit, online atau di kantor). Mau saya jadwalkan?',
      // Its stages (with their Indonesian goals) and lead rubric are the study-abroad playbook's.
      playbookId: 'study-abroad',
      knowledgeEntries,
    },
  );
  // One consultant with weekday office hours, so bookings have somewhere to go from the start.
  await ensureDefaultConsultant(db, workspace.id);
  return workspace;
}
