// Cuts the app's wasm into the first download and parts loaded later (issue 20). Run by
// scripts/postbuild.mjs, before the CSP and the service worker's list, in Trunk's staging dir.
//
// The app is built with the `split` feature (index.html): each page other than the dashboard
// is a split point (`pages!` in src/lib.rs), and build.rs keeps the linker's relocations.
// Trunk has already run wasm-bindgen on the whole wasm, which gave the loader in index.html and
// the names of the two files it loads. This script replaces those two files' contents:
// 1. `wasm-split-cli` cuts the wasm Cargo built into the main module and the parts: one per
//    group of pages (`split_<group>.wasm`) and one per set of groups that share code
//    (`chunk_<n>.wasm`), with `__wasm_split.js`, which loads a part and what it needs;
// 2. wasm-bindgen runs on the main module as Trunk ran it, keeping the linker's exports that
//    the parts import;
// 3. in a release build, wasm-opt -Oz runs on every module;
// 4. the parts and their loader go into `parts-<hash of their contents>/`, so a deployment
//    never mixes parts of two builds from a cache.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPT = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

export async function split(dir) {
  const profile = process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug';
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  const input = join(target, 'wasm32-unknown-unknown', profile, 'pmo-workbench.wasm');
  const names = await readdir(dir);
  const js = names.find((f) => /^pmo-workbench-[0-9a-f]+\.js$/.test(f));
  const wasm = names.find((f) => /^pmo-workbench-[0-9a-f]+_bg\.wasm$/.test(f));
  if (!js || !wasm) throw new Error(`split: Trunk's app files are not in ${dir}`);
  const stem = js.slice(0, -3);

  const work = join(target, 'split');
  await rm(work, { recursive: true, force: true });
  const cut = join(work, 'cut');
  const bound = join(work, 'bound');
  await mkdir(bound, { recursive: true });
  await run('wasm-split-cli', ['--out-name', stem, input, cut], { maxBuffer: 1 << 26 });
  const parts = (await readdir(cut)).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  if (parts.length === 0) throw new Error('split: no part was cut: is the app built with the `split` feature?');
  await run('wasm-bindgen', ['--target=web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    `--out-name=${stem}`, `--out-dir=${bound}`, join(cut, `${stem}.wasm`)], { maxBuffer: 1 << 26 });

  // Every module, optimised in a release build (a few at a time: the main one takes longest).
  const modules = [[join(bound, `${stem}_bg.wasm`), join(work, 'main.wasm')],
    ...parts.map((p) => [join(cut, p), join(work, p)])];
  if (profile === 'release') {
    const queue = [...modules];
    const worker = async () => {
      for (let m = queue.shift(); m; m = queue.shift()) await run('wasm-opt', [...OPT, m[0], '-o', m[1]]);
    };
    await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, worker));
  } else {
    for (const [from, to] of modules) await copyFile(from, to);
  }

  // The parts' folder, named by their contents and their loader's.
  const loader = await readFile(join(cut, '__wasm_split.js'), 'utf8');
  const hash = createHash('sha256');
  hash.update(loader);
  for (const p of parts.sort()) hash.update(p).update(await readFile(join(work, p)));
  const folder = `parts-${hash.digest('hex').slice(0, 16)}`;
  await mkdir(join(dir, folder));
  for (const p of parts) await copyFile(join(work, p), join(dir, folder, p));
  const mainImport = `"./${stem}.js"`;
  if (!loader.includes(mainImport)) throw new Error(`split: the loader does not import ${mainImport}`);
  await writeFile(join(dir, folder, '__wasm_split.js'), loader.replace(mainImport, `"../${stem}.js"`));

  const glue = await readFile(join(bound, `${stem}.js`), 'utf8');
  // Only the JS imports move: the wasm's own import keeps its module name.
  const link = /\bfrom (["'])\.\/__wasm_split\.js\1/g;
  if (!link.test(glue)) throw new Error('split: the main module does not import its loader');
  // index.html names the two files with their hashes (subresource integrity): new contents,
  // new hashes. The parts' loader is fetched along with them instead of after the main module.
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  const replace = async (file, contents) => {
    const before = sri(await readFile(join(dir, file)));
    if (!html.includes(before)) throw new Error(`split: index.html does not name ${file} by its hash`);
    html = html.replaceAll(before, sri(contents));
    await writeFile(join(dir, file), contents);
  };
  await replace(js, glue.replace(link, `from "./${folder}/__wasm_split.js"`));
  await replace(wasm, await readFile(join(work, 'main.wasm')));
  const preload = `<link rel="modulepreload" href="./${js}"`;
  if (!html.includes(preload)) throw new Error('split: index.html does not preload the main module');
  const loaderFile = join(dir, folder, '__wasm_split.js');
  html = html.replace(preload, `<link rel="modulepreload" href="./${folder}/__wasm_split.js" crossorigin="anonymous" integrity="${sri(await readFile(loaderFile))}">${preload}`);
  await writeFile(indexPath, html);
  return { folder, parts: parts.length };
}

function sri(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
