/**
 * A student's name as a group chat may show it (张*明): enough for the teachers who know the
 * child to recognise them, not enough for anyone else to. Counted in code points, so a name with
 * a character outside the BMP (𠮷) masks as one character, not two halves of a surrogate pair.
 */
export function maskStudentName(name: string): string {
  // Runs of spaces inside a romanised or minority name count as one character, like the `·`.
  const chars = [...name.trim().replace(/\s+/g, ' ')];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
