// Loads the installed-form remoteEntry of cnn-kernel-highlight in Node the way JupyterLab's
// bootstrap does (script → window._JUPYTERLAB[name].init(shareScope) → get('./extension') →
// factory() → module.default), with a share scope of stand-ins for @jupyterlab/codemirror and
// @codemirror/language, activates the plugin, and tokenizes texts with the registered
// language's stream parser.
//
//   node cnn_highlight_harness.js < {"entry": path, "name": "cnn-kernel-highlight", "texts": [...]}
//   → {"contract": {...}, "language": {...}, "tokens": [[[text, style], ...] per text]}
'use strict';

const fs = require('fs');
const vm = require('vm');

// CodeMirror 6's StringStream (@codemirror/language, MIT), the parts a stream parser may call.
class StringStream {
  constructor(string, tabSize, indentUnit) {
    this.string = string; this.tabSize = tabSize; this.indentUnit = indentUnit;
    this.pos = 0; this.start = 0;
  }
  eol() { return this.pos >= this.string.length; }
  sol() { return this.pos === 0; }
  peek() { return this.string.charAt(this.pos) || undefined; }
  next() { if (this.pos < this.string.length) return this.string.charAt(this.pos++); }
  eat(match) {
    const ch = this.string.charAt(this.pos);
    const ok = typeof match === 'string' ? ch === match : ch && (match instanceof RegExp ? match.test(ch) : match(ch));
    if (ok) { ++this.pos; return ch; }
  }
  eatWhile(match) { const start = this.pos; while (this.eat(match)) { /* */ } return this.pos > start; }
  eatSpace() { const start = this.pos; while (/[\s\u00a0]/.test(this.string.charAt(this.pos))) ++this.pos; return this.pos > start; }
  skipToEnd() { this.pos = this.string.length; }
  skipTo(ch) { const found = this.string.indexOf(ch, this.pos); if (found > -1) { this.pos = found; return true; } }
  backUp(n) { this.pos -= n; }
  match(pattern, consume, caseInsensitive) {
    if (typeof pattern === 'string') {
      const cased = s => caseInsensitive ? s.toLowerCase() : s;
      const substr = this.string.substr(this.pos, pattern.length);
      if (cased(substr) === cased(pattern)) { if (consume !== false) this.pos += pattern.length; return true; }
      return null;
    }
    const match = this.string.slice(this.pos).match(pattern);
    if (match && match.index > 0) return null;
    if (match && consume !== false) this.pos += match[0].length;
    return match;
  }
  current() { return this.string.slice(this.start, this.pos); }
}

// StreamLanguage's loop: a token call must advance the stream (CodeMirror gives up after 10 tries).
function tokenize(parser, text) {
  const state = parser.startState ? parser.startState(2) : true;
  const out = [];
  for (const line of text.split('\n')) {
    const stream = new StringStream(line, 4, 2);
    if (line === '' && parser.blankLine) parser.blankLine(state, 2);
    while (!stream.eol()) {
      stream.start = stream.pos;
      const style = parser.token(stream, state);
      if (stream.pos <= stream.start) throw new Error(`no progress at ${stream.pos} in ${JSON.stringify(line)}`);
      out.push([stream.current(), style || null]);
    }
  }
  return out;
}

async function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const contract = {};

  // Stand-ins for the host's shared modules. The registry token must reach the plugin by identity.
  const token = { name: '@jupyterlab/codemirror:IEditorLanguageRegistry' };
  const loads = [];
  const shared = (pkg, version, module, loaded) => ({
    from: 'host', eager: false, loaded,
    get: () => { loads.push(`${pkg}@${version}`); return Promise.resolve(() => module); },
  });
  class LanguageSupport { constructor(language) { this.language = language; } }
  const StreamLanguage = { define: parser => ({ parser }) };
  const shareScope = {
    '@jupyterlab/codemirror': {
      '3.6.0': shared('@jupyterlab/codemirror', '3.6.0', { IEditorLanguageRegistry: {} }, 1),
      '4.6.6': shared('@jupyterlab/codemirror', '4.6.6', { IEditorLanguageRegistry: token }, 1),
      '4.7.0-alpha.1': shared('@jupyterlab/codemirror', '4.7.0-alpha.1', { IEditorLanguageRegistry: {} }, 0),
      '5.0.0': shared('@jupyterlab/codemirror', '5.0.0', { IEditorLanguageRegistry: {} }, 0),
    },
    '@codemirror/language': {
      '6.10.0': shared('@codemirror/language', '6.10.0', {}, 0),
      '6.12.1': shared('@codemirror/language', '6.12.1', { StreamLanguage, LanguageSupport }, 0),
      '6.12.1-beta.0': shared('@codemirror/language', '6.12.1-beta.0', {}, 0),
    },
  };

  globalThis.window = globalThis;
  vm.runInThisContext(fs.readFileSync(input.entry, 'utf8'), { filename: input.entry });
  const container = (globalThis._JUPYTERLAB || {})[input.name];
  contract.registered = Boolean(container && typeof container.init === 'function' && typeof container.get === 'function');
  try { await container.get('./extension'); contract.getBeforeInit = 'resolved'; } catch (e) { contract.getBeforeInit = 'rejected'; }
  await container.init(shareScope);
  await container.init(shareScope); // the same scope again is allowed
  try { container.init({}); contract.reinitOtherScope = 'accepted'; } catch (e) { contract.reinitOtherScope = 'rejected'; }
  try { await container.get('./nothing'); contract.unknownModule = 'resolved'; } catch (e) { contract.unknownModule = 'rejected'; }

  const factory = await container.get('./extension');
  contract.factoryIsFunction = typeof factory === 'function';
  const module = factory();
  module.__scope__ = input.name; // JupyterLab's createModule writes this
  contract.esModule = module.__esModule === true;
  const plugin = module.default;
  contract.plugin = { id: plugin.id, autoStart: plugin.autoStart, requiresRegistryToken: plugin.requires.length === 1 && plugin.requires[0] === token };
  contract.loads = loads.slice().sort();

  const added = [];
  plugin.activate({}, { addLanguage: spec => added.push(spec) });
  contract.languagesAdded = added.length;
  const spec = added[0];
  const support = await spec.load();
  contract.loadReturnsLanguageSupport = support instanceof LanguageSupport;
  const parser = support.language.parser;

  const language = { name: spec.name, displayName: spec.displayName, mime: spec.mime, extensions: spec.extensions,
                     parserName: parser.name, languageData: parser.languageData };
  const tokens = input.texts.map(text => tokenize(parser, text));
  process.stdout.write(JSON.stringify({ contract, language, tokens }));
}

main().catch(e => { console.error(e && e.stack || String(e)); process.exit(1); });
