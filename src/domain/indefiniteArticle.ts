/**
 * "a" or "an" before a class name, by how its start is read aloud: a vowel letter takes "an" ("an Ankle boot"), and a
 * number is read as a number ("an 8", "an 11", "an 18", "an 80", but "a 1"). Enough for class names; English has
 * exceptions by sound ("a unicorn", "an hour") that a letter rule cannot see.
 */

/** Numbers whose spoken form starts with a vowel sound: eight…, eighty…, eight hundred…, eleven, eighteen. */
function numberTakesAn(digits: string): boolean {
  if (digits.startsWith('8')) return true;
  // 11 and 18 read "eleven", "eighteen"; so do 11,000 and 18,000 (11 or 18 thousand), counting digits in threes.
  const head = digits.length % 3 === 2 ? digits.slice(0, 2) : null;
  return head === '11' || head === '18';
}

export function indefiniteArticle(name: string): 'a' | 'an' {
  const trimmed = name.trimStart();
  // Thousands separators are not read aloud: "11,000" is "eleven thousand".
  const digits = /^\d[\d,]*/.exec(trimmed)?.[0].replace(/,/g, '');
  if (digits !== undefined) return numberTakesAn(digits) ? 'an' : 'a';
  return /^[aeiou]/i.test(trimmed) ? 'an' : 'a';
}

/** The name with its article: "an Ankle boot", "a Sandal", "an 8", "a 7". */
export function withIndefiniteArticle(name: string): string {
  return `${indefiniteArticle(name)} ${name}`;
}
