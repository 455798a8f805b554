// The YARA-X binding's native module for this platform (see scanner.ts loadYara). Required from
// CommonJS: Node imports native addons from ES modules only experimentally, with a warning.
module.exports = require('@litko/yara-x-linux-x64-gnu');
