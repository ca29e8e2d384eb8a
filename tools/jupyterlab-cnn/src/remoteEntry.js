/*
 * cnn-kernel-highlight: syntax highlighting of cnn-kernel cells (.cnn, text/x-cnn) in JupyterLab 4
 * and Notebook 7, as a prebuilt ("federated") extension written by hand instead of by webpack.
 *
 * JupyterLab's bootstrap loads this file with a <script> tag, then calls
 *   window._JUPYTERLAB[NAME].init(shareScope)      with its webpack share scope ("default"), and
 *   window._JUPYTERLAB[NAME].get('./extension')    expecting Promise<() => module>,
 * and registers the plugins of module.default. Shared packages are taken from the share scope
 * (shareScope[package][version].get() → Promise<factory>, factory() → module), so the plugin
 * receives the application's own @jupyterlab/codemirror (its IEditorLanguageRegistry token is
 * matched by identity) and @codemirror/language.
 *
 * The tokenizer mirrors the Pygments lexer in tools/pygments-cnn rule for rule; WORDS is filled
 * in from that lexer's lists by tools/jupyterlab-cnn/generate.py, which writes the installed copy.
 */
(function (root) {
  'use strict';

  const NAME = 'cnn-kernel-highlight';
  const WORDS = null; // @generated: the Pygments lexer's COMMANDS, BLOCKS and LAYERS

  // --- Shared modules -------------------------------------------------------------------

  let shareScope = null;

  function parseVersion(v) {
    const [release, pre] = String(v).split('-', 2);
    const nums = release.split('.').map(n => parseInt(n, 10) || 0);
    while (nums.length < 3) nums.push(0);
    return { nums, pre: pre === undefined ? null : pre };
  }

  function compareVersions(a, b) {
    const x = parseVersion(a), y = parseVersion(b);
    for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
    if (x.pre === y.pre) return 0;
    if (x.pre === null) return 1; // a release sorts after its prereleases
    if (y.pre === null) return -1;
    return x.pre < y.pre ? -1 : 1;
  }

  // The module the application uses: among the versions with the required major, the one
  // already loaded (a singleton is loaded once), else the highest, which the host would pick.
  async function importShared(pkg, major) {
    if (!shareScope) throw new Error(`${NAME}: get() was called before init(shareScope)`);
    const versions = shareScope[pkg] || {};
    const usable = Object.keys(versions).filter(v => parseVersion(v).nums[0] === major);
    if (usable.length === 0) {
      const offered = Object.keys(versions).join(', ') || 'none';
      throw new Error(`${NAME}: the page shares no ${pkg} ${major}.x (offered: ${offered})`);
    }
    usable.sort(compareVersions);
    const loaded = usable.filter(v => versions[v].loaded);
    const version = (loaded.length ? loaded : usable).pop();
    const factory = await versions[version].get();
    return factory();
  }

  // --- Tokenizer ------------------------------------------------------------------------

  // Pygments token → CodeMirror 6 tag name (StreamLanguage's legacy token names):
  //   Keyword → keyword, Name.Builtin → variableName.standard, Keyword.Constant → atom,
  //   Operator.Word → operatorKeyword, Name.Class → typeName.definition (JupyterLab's theme
  //   colours definition(name) but not plain typeName), Name.Attribute → propertyName,
  //   Number → number, Operator → operator, Punctuation → punctuation, Name → variableName.
  function alternation(words) {
    return words.map(w => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  }

  function makeRules(words) {
    return {
      atLineStart: [
        [new RegExp(`(?:${alternation(words.blocks)})\\b`, 'y'), 'keyword'],
        [new RegExp(`(?:${alternation(words.commands)})\\b`, 'y'), 'variableName.standard'],
      ],
      anywhere: [
        [/\s+/y, null],
        [/#.*$/y, 'comment'],
        [/"(\\\\|\\"|[^"\n])*"/y, 'string'],
        [/\b(true|false)\b/y, 'atom'],
        [/\b(and|or|not)\b/y, 'operatorKeyword'],
        [new RegExp(`(?<![\\w.-])(?:${alternation(words.layers)})\\b`, 'y'), 'typeName.definition'],
        [/[A-Za-z_][\w.-]*(?==)/y, 'propertyName'],
        [/(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/y, 'number'],
        [/==|!=|<=|>=|[-+*/%^<>=]/y, 'operator'],
        [/[()[\],]/y, 'punctuation'],
        [/[A-Za-z_][\w.-]*/y, 'variableName'],
      ],
    };
  }

  // Matches at stream.pos against the whole line, so \b and look-behind see the characters
  // before the token as Pygments' regex.match(text, pos) does.
  function matchAt(stream, re) {
    re.lastIndex = stream.pos;
    if (!re.test(stream.string) || re.lastIndex === stream.pos) return false;
    stream.pos = re.lastIndex;
    return true;
  }

  function makeStreamParser(words) {
    const rules = makeRules(words);
    return {
      name: 'cnn',
      token(stream) {
        // Blocks and commands only as a line's first word, as in the lexer's ^([^\S\n]*)(…)\b.
        if (/^\s*$/.test(stream.string.slice(0, stream.pos))) {
          for (const [re, style] of rules.atLineStart) if (matchAt(stream, re)) return style;
        }
        for (const [re, style] of rules.anywhere) if (matchAt(stream, re)) return style;
        stream.next();
        return null;
      },
      languageData: { commentTokens: { line: '#' } },
    };
  }

  // --- The plugin -----------------------------------------------------------------------

  async function createExtensionModule() {
    const [codemirror, language] = await Promise.all([
      importShared('@jupyterlab/codemirror', 4),
      importShared('@codemirror/language', 6),
    ]);
    const { StreamLanguage, LanguageSupport } = language;
    const plugin = {
      id: `${NAME}:plugin`,
      description: 'Syntax highlighting of cnn-kernel cells (text/x-cnn).',
      autoStart: true,
      requires: [codemirror.IEditorLanguageRegistry],
      activate(app, languages) {
        languages.addLanguage({
          name: 'cnn',
          displayName: 'CNN',
          mime: 'text/x-cnn',
          extensions: ['cnn'],
          load: async () => new LanguageSupport(StreamLanguage.define(makeStreamParser(WORDS))),
        });
      },
    };
    return { default: plugin, __esModule: true };
  }

  // --- The container --------------------------------------------------------------------

  const modules = { './index': createExtensionModule, './extension': createExtensionModule };

  const container = {
    init(scope) {
      if (shareScope && shareScope !== scope) {
        throw new Error('Container initialization failed as it has already been initialized with a different share scope');
      }
      shareScope = scope;
    },
    get(module) {
      if (!Object.prototype.hasOwnProperty.call(modules, module)) {
        return Promise.reject(new Error(`Module "${module}" does not exist in container.`));
      }
      return modules[module]().then(m => () => m);
    },
  };

  root._JUPYTERLAB = root._JUPYTERLAB || {};
  root._JUPYTERLAB[NAME] = container;
})(typeof window !== 'undefined' ? window : globalThis);
