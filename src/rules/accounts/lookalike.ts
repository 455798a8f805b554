// Names built to pass a quick look at /etc/passwd: "maill", "r00t", "sysadm1n", "systemd-network1",
// "ssh", "deamon". Only edits attackers use are accepted, not any one-letter difference, so a
// person called "james" is not taken for the "games" account.

const LEET: Record<string, string[]> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
  '8': ['b'],
  '@': ['a'],
  $: ['s'],
};

/** Every reading of a name with its digits/symbols taken as letters ("sysadm1n" → sysadmin, sysadmln). */
function deleet(name: string): string[] {
  let out = [''];
  for (const ch of name) {
    const options = LEET[ch] ?? [ch];
    out = out.flatMap((prefix) => options.map((o) => prefix + o));
    if (out.length > 64) return [name]; // pathological names: no leet reading
  }
  return out;
}

function isDoubledLetter(name: string, std: string): boolean {
  if (name.length !== std.length + 1) return false;
  for (let i = 1; i < name.length; i++) {
    if (name[i] === name[i - 1] && name.slice(0, i) + name.slice(i + 1) === std) return true;
  }
  return false;
}

function isTransposed(name: string, std: string): boolean {
  if (name.length !== std.length || name.length < 4) return false;
  for (let i = 0; i + 1 < name.length; i++) {
    if (name[i] !== std[i]) {
      return name[i] === std[i + 1] && name[i + 1] === std[i] && name.slice(i + 2) === std.slice(i + 2);
    }
  }
  return false;
}

function imitates(name: string, std: string): boolean {
  if (std.length < 3 || name === std) return false;
  if (name.toLowerCase() === std.toLowerCase()) return true;
  if (isDoubledLetter(name, std) || isTransposed(name, std)) return true;
  if (/^\d{1,2}$/.test(name.slice(std.length)) && name.startsWith(std)) return true; // systemd-network1
  if (std.length >= 4 && std.endsWith('d') && name === std.slice(0, -1)) return true; // ssh ← sshd: the daemon's account without its "d"
  return false;
}

/** The standard name this one imitates, or null. Names on the standard list never imitate anything. */
export function lookalikeOf(name: string, standard: string[]): string | null {
  if (standard.includes(name) || name.length < 3 || name.length > 64) return null;
  for (const std of standard) if (imitates(name, std)) return std;
  if (/[0-9@$]/.test(name)) {
    for (const reading of deleet(name)) {
      if (reading === name) continue;
      for (const std of standard) if (std.length >= 3 && (reading === std || imitates(reading, std))) return std;
    }
  }
  return null;
}
