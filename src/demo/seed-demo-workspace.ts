/**
 * The demo workspace created on first start (unless ARI_DEMO=0): Eagle Overseas
 * Education, the study-abroad consultancy ARI was first built for. It is seed data,
 * nothing about it is hard-coded elsewhere.
 */
import { sql } from 'drizzle-orm';
import type { FlowStage, KnowledgeEntry } from '../core/assistant-settings.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';
import { createWorkspace, type Workspace } from '../workspaces/create-workspace.js';

export const DEMO_SLUG = 'eagle-overseas';

const flowStages: FlowStage[] = [
  {
    name: 'greeting',
    goal: 'Sapa calon siswa sesuai waktu, tanyakan nama lengkapnya dan negara tujuan studi.',
    sampleScript: 'Selamat pagi kak! Boleh tahu nama lengkap kakak?',
    exitCriteria: 'Nama dan minat studi diketahui.',
    order: 0,
    active: true,
  },
  {
    name: 'qualifying',
    goal: 'Kumpulkan jenjang pendidikan, budget, rencana waktu berangkat, tes bahasa Inggris, lalu dokumen satu per satu (paspor, CV, IELTS/TOEFL, transkrip).',
    sampleScript: 'Rencananya mau berangkat kapan kak?',
    exitCriteria: 'Data kualifikasi lengkap atau lead sudah hot.',
    order: 1,
    active: true,
  },
  {
    name: 'scheduling',
    goal: 'Tawarkan konsultasi 1-on-1 gratis dengan konsultan dan sepakati waktunya.',
    sampleScript: 'Mau kami jadwalkan konsultasi gratis dengan konsultan kami kak?',
    exitCriteria: 'Jadwal disepakati, lalu konsultan mengambil alih.',
    order: 2,
    active: true,
  },
];

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

function createDemoWorkspace(db: AriDatabase): Promise<Workspace> {
  return createWorkspace(
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
      flowStages,
      knowledgeEntries,
    },
  );
}
