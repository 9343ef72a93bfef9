/**
 * Preloaded into Electronegativity's process by scripts/electronegativity.ts. At start the scanner
 * asks the network for newer translations of its own messages (`got` on an S3 address, a 1 s
 * timeout, retried): offline that costs about six seconds of waiting, and online it is a request
 * this check has no need to make. Its locales module gets a `got` that fails at once, so it keeps
 * the English messages it ships with; nothing else is changed.
 */
'use strict';
const Module = require('node:module');
const { sep } = require('node:path');

const load = Module._load;
const localesFolder = `${sep}@doyensec${sep}electronegativity${sep}dist${sep}locales${sep}`;
Module._load = function loadWithoutTranslationFetch(request, parent, isMain) {
  if (request === 'got' && parent && parent.filename.includes(localesFolder)) {
    return () => Promise.reject(new Error('TrustBridge runs Electronegativity offline'));
  }
  return load.call(this, request, parent, isMain);
};
