// node:assert as Babel's helpers use it in the page (`require("assert")(value, message)`): a check that throws.
function assert(value, message) {
  if (!value) throw new Error(message || "assertion failed");
}
assert.ok = assert;
module.exports = assert;
