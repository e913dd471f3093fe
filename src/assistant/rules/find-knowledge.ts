/**
 * Retrieval over the workspace's knowledge entries: the entries whose keywords or
 * title words a customer's message uses, best first. Only these reach a reply or
 * a prompt — never the whole knowledge base. A message is read up to its bounded
 * prefix, like everywhere in the engine.
 */
import type { KnowledgeEntry } from '../../core/assistant-settings.js';
import { boundedText } from '../../core/bounded-text.js';

const STOPWORDS = new Set(
  'yang untuk dengan dari saya kakak bisa atau juga apakah ada berapa bagaimana gimana kalau the and for with what how can does have your you are about this that from'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

export function findKnowledge(entries: KnowledgeEntry[], message: string, limit = 2): KnowledgeEntry[] {
  return ranked(entries, new Set(words(boundedText(message))), limit);
}

function ranked(entries: KnowledgeEntry[], said: ReadonlySet<string>, limit: number): KnowledgeEntry[] {
  if (said.size === 0) return [];
  const scored = entries.map((entry) => {
    const keywordHits = entry.keywords.filter((k) => words(k).some((w) => said.has(w))).length;
    const titleHits = words(entry.title).filter((w) => said.has(w)).length;
    return { entry, score: keywordHits * 2 + titleHits };
  });
  return scored
    .filter((s) => s.score >= 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.entry);
}

const PRICE_WORDS = /\b(biaya|harga|fee|fees|cost|price|pricing|tarif)\b/i;

/**
 * The entry that answers a pricing question, if the knowledge base has prices at
 * all: the best match, else the first priced entry the question touches once the
 * price words themselves count (added to the words read, not to the text, so a
 * long message cannot push them out of its bounded prefix).
 */
export function findPricingKnowledge(entries: KnowledgeEntry[], message: string): KnowledgeEntry | null {
  const said = new Set(words(boundedText(message)));
  const priced = entries.filter((e) => PRICE_WORDS.test(`${e.category} ${e.title} ${e.keywords.join(' ')}`));
  const withPriceWords = new Set([...said, 'biaya', 'price']);
  return ranked(priced, said, 1)[0] ?? priced.find((e) => ranked([e], withPriceWords, 1).length > 0) ?? null;
}
