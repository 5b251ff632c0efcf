// Groups twiggy's item sizes (`twiggy top -f json` of a names-kept wasm) by crate, and the app's
// own code by module, and prints markdown tables; with an earlier bytes.json, before and after.
//   node tests/browser/bytes.mjs TWIGGY.json OUT.json [BEFORE.json]
// Generic closures of Leptos's view crate carry no component name: they count as `tachys`.
import { readFileSync, writeFileSync } from 'node:fs';

const [twiggy, out, before] = process.argv.slice(2);
const items = JSON.parse(readFileSync(twiggy, 'utf8'));

const GROUPS = [
  [/^(core|alloc|std|compiler_builtins|dlmalloc|hashbrown|serde_core|zmij|__rustc)$/, 'std (core, alloc, dlmalloc, hashbrown, builtins)'],
  [/^(js_sys|web_sys|wasm_bindgen|wasm_bindgen_futures|wasm_streams)$/, 'wasm-bindgen, js-sys, web-sys'],
  [/^(futures_util|futures_core|futures_channel|futures_executor|futures)$/, 'futures'],
];
const PRIMITIVE = /^(T|F|A|str|char|bool|[iuf](8|16|32|64|128|size)|\(\))$/;

/** The crate an item's code belongs to: its path's first segment; for `<T as Trait>::f`, the trait's. */
function crateOf(name) {
  if (/^data segment|^data\[/.test(name)) return '(data: strings and tables)';
  if (/^(code|type|elem|table|global|import|export|custom section|wasm magic|memory)\b|section headers$|^"/.test(name)) return '(wasm structure)';
  const qualified = name.match(/^<&?(?:mut )?(?:dyn )?([\w]+)[^ ]* as ([\w]+)/);
  let c = qualified && PRIMITIVE.test(qualified[1]) ? qualified[2] : name.replace(/^[<&*]+/, '').replace(/^(mut |dyn )+/, '').split(/::|\[| as |</)[0];
  if (PRIMITIVE.test(c) || /^[a-z_]*$/.test(c) === false) c = 'std';
  for (const [re, group] of GROUPS) if (re.test(c)) return group;
  return c;
}

const crates = new Map();
const modules = new Map();
let total = 0;
for (const { name, shallow_size: bytes } of items) {
  if (/"function names" subsection|custom section 'name'/.test(name)) continue; // not in the shipped wasm
  total += bytes;
  const c = crateOf(name);
  crates.set(c, (crates.get(c) ?? 0) + bytes);
  const m = c === 'marsad' && name.match(/marsad::((?:ui::)?\w+)/);
  if (m) modules.set(m[1], (modules.get(m[1]) ?? 0) + bytes);
}
const table = { total, crates: Object.fromEntries(crates), modules: Object.fromEntries(modules) };
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
console.log(`total (without the name section): ${old ? `${n(old.total)} → ` : ''}${n(total)} bytes, before gzip`);
