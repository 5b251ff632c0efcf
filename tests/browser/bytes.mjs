// Groups twiggy's item sizes (`twiggy top -f json` of a names-kept wasm, built with v0 symbol
// names: `.ci/bytes`) by crate, the app's own code by module, and the code other crates compiled
// for each module of the app (Leptos's view code for a component's closures, a memo's for its
// value), and prints markdown tables; with an earlier bytes.json, before and after.
//   node tests/browser/bytes.mjs TWIGGY.json OUT.json [BEFORE.json]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const [twiggy, out, before] = process.argv.slice(2);
const items = JSON.parse(readFileSync(twiggy, 'utf8'));

const GROUPS = [
  [/^(core|alloc|std|compiler_builtins|dlmalloc|hashbrown|serde_core|zmij|__rustc)$/, 'std (core, alloc, dlmalloc, hashbrown, builtins)'],
  [/^(js_sys|web_sys|wasm_bindgen|wasm_bindgen_futures|wasm_streams)$/, 'wasm-bindgen, js-sys, web-sys'],
  [/^(futures_util|futures_core|futures_channel|futures_executor|futures)$/, 'futures'],
];
const STD = /^(core|alloc|std)$/;
const PRIMITIVE = /^(str|char|bool|[iuf](8|16|32|64|128|size))$/;
// The app's modules, from its sources (`src/ui/cards.rs`, `src/data/`): a path's segment that is
// none of them is an item of its parent (`ui::start` is in `ui/mod.rs`).
const src = new URL('../../src/', import.meta.url);
const moduleNames = (dir) => readdirSync(new URL(dir, src), { withFileTypes: true })
  .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.rs$/, ''))).filter((m) => !/^(mod|main|lib|bin)$/.test(m));
const TOP = new Set(moduleNames('./'));
const UI = new Set(moduleNames('./ui/'));

/** `<A as B>::f` → [A, B]; `<A>::f` → [A, null]; a plain path → [path, null] (brackets matched). */
function qualified(name) {
  if (!name.startsWith('<')) return [name, null];
  let depth = 0;
  let as = -1;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '<') depth++;
    else if (c === '>' && name[i - 1] !== '-') {
      depth--;
      if (depth === 0) return [name.slice(1, as < 0 ? i : as), as < 0 ? null : name.slice(as + 4, i)];
    } else if (depth === 1 && as < 0 && name.startsWith(' as ', i)) as = i;
  }
  return [name, null];
}

/** A path's crate: its first segment, past references, `dyn` and `<`. */
const crateOfPath = (path) => path.replace(/^[<&*(\[]+/, '').replace(/^(mut |dyn |const )+/, '').split(/::|<| |\[|,|\)/)[0];

/** The crate whose code an item is: for `<A as B>::f`, B's when A is a closure, `_`, a standard
 * type or a primitive (a blanket or standard impl), else A's. */
function crateOf(name) {
  if (/^data segment|^data\[/.test(name)) return '(data: strings and tables)';
  if (/^(code|type|elem|table|global|import|export|custom section|wasm magic|memory)\b|section headers$|^"/.test(name)) return '(wasm structure)';
  const [self, trait] = qualified(name);
  let c = crateOfPath(self);
  if (trait && (/\{closure#\d+\}$|\{shim/.test(self) || !/^[a-z_][a-z0-9_]*$/.test(c) || c === '_' || STD.test(c) || !self.includes('::'))) {
    c = crateOfPath(trait);
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(c) || c === '_' || PRIMITIVE.test(c)) c = 'std';
  for (const [re, group] of GROUPS) if (re.test(c)) return group;
  return c;
}

/** The module of the app a path names first (`ui::cards`, `data`), if any. */
function appModule(name) {
  const m = name.match(/(?:^|[^\w])marsad::(\w+)(?:::(\w+))?/);
  if (!m) return undefined;
  if (m[1] === 'ui') return m[2] && UI.has(m[2]) ? `ui::${m[2]}` : 'ui';
  return TOP.has(m[1]) ? m[1] : '(crate root)';
}

const crates = new Map();
const modules = new Map();
const views = new Map();
let total = 0;
for (const { name: raw, shallow_size: bytes } of items) {
  if (/"function names" subsection|custom section 'name'/.test(raw)) continue; // not in the shipped wasm
  const name = raw.replace(/\[[0-9a-f]{16}\]/g, '');
  total += bytes;
  const c = crateOf(name);
  crates.set(c, (crates.get(c) ?? 0) + bytes);
  const m = appModule(name);
  if (!m) continue;
  if (c === 'marsad') modules.set(m, (modules.get(m) ?? 0) + bytes);
  else views.set(m, (views.get(m) ?? 0) + bytes);
}
const table = { total, crates: Object.fromEntries(crates), modules: Object.fromEntries(modules), views: Object.fromEntries(views) };
writeFileSync(out, `${JSON.stringify(table, null, 2)}\n`);

const old = before ? JSON.parse(readFileSync(before, 'utf8')) : null;
const n = (x) => (x == null ? '—' : x.toLocaleString('en'));
function print(title, now, was, rows) {
  const keys = [...new Set([...Object.keys(now), ...Object.keys(was ?? {})])].sort((a, b) => (now[b] ?? 0) - (now[a] ?? 0)).slice(0, rows);
  console.log(`| ${title} | ${was ? 'before | ' : ''}bytes | share |\n|---|${was ? '---:|' : ''}---:|---:|`);
  for (const k of keys) console.log(`| ${k} | ${was ? `${n(was[k])} | ` : ''}${n(now[k])} | ${((100 * (now[k] ?? 0)) / total).toFixed(1)} % |`);
  console.log('');
}
print('crate', table.crates, old?.crates, 14);
print('module of the app (`marsad`)', table.modules, old?.modules, 16);
print("other crates' code compiled for a module of the app", table.views, old?.views, 16);
console.log(`total (without the name section): ${old ? `${n(old.total)} → ` : ''}${n(total)} bytes, before gzip`);
