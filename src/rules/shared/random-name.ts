const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/**
 * XOR.DDoS/BillGates drop copies named by ten random lowercase letters ("srstomucra").
 * Random letter strings have few vowels and long consonant runs; real program names rarely do.
 */
export function looksRandom(name: string): boolean {
  if (!/^[a-z]{8,12}$/.test(name)) return false;
  let vowels = 0;
  let run = 0;
  let maxRun = 0;
  for (const ch of name) {
    if (VOWELS.has(ch)) {
      vowels++;
      run = 0;
    } else {
      run++;
      maxRun = Math.max(maxRun, run);
    }
  }
  const ratio = vowels / name.length;
  return maxRun >= 5 || ratio <= 0.15 || (maxRun >= 4 && ratio <= 0.3);
}
