/**
 * The greeting template's placeholders. Pure and dependency-free: the console's
 * live preview imports this same file, so the preview is what customers get.
 */

/** Fills {waktu}, {nama}, {workspace}; an empty name leaves no stray space. */
export function renderGreeting(template: string, values: { waktu: string; nama: string; workspace: string }): string {
  return tidy(template.replace(/\{(waktu|nama|workspace)\}/g, (_, key: keyof typeof values) => values[key]));
}

export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?])/g, '$1')
    .trim();
}
