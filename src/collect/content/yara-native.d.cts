// Typed where it is used (scanner.ts YaraModule): the binding's own declarations live in the
// @litko/yara-x wrapper package, which hostsweep does not install.
declare const binding: unknown;
export = binding;
