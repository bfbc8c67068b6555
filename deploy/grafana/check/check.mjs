// Checks the Grafana dashboards in deploy/grafana/dashboards (run by scripts/check-dashboards.sh after `npm ci`).
//
// 1. Types: each dashboard is written to generated/<name>.ts as `<JSON> satisfies DashboardJson`, each panel's
//    options and custom field config as `satisfies PanelOptions<type>` / `PanelCustom<type>` (grafana-json.ts:
//    Grafana's published @grafana/schema types), and `tsc --noEmit` (strict) must pass: unknown fields are refused.
// 2. Structure: every panel but text and row panels has targets; every target has an `expr` and the datasource uid
//    `prometheus`; rows nest no panels (collapsed rows would hide their queries); panel ids, dashboard uids and
//    titles are unique, panels do not overlap; every `$variable` used is defined; queries use no Grafana macro but
//    $__rate_interval, $__interval and $__range (the dashboard query test substitutes only these), and no
//    `[$__interval]` range (it can hold a single sample and return nothing).
// 3. PromQL: every query (variables and macros substituted as the dashboard query test does) parses, checked by
//    `promtool check rules` on a generated rules file. GRAFANA_CHECK_PROMTOOL=0 skips this step, and says so.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const grafana = dirname(here);
// GRAFANA_DASHBOARDS_DIR checks another folder (used to try the check on broken copies).
const dashboardsDir = process.env.GRAFANA_DASHBOARDS_DIR ?? join(grafana, 'dashboards');
const generated = join(here, 'generated');
const DATASOURCE_UID = 'prometheus';
const MACROS = { __rate_interval: '1m', __interval: '15s', __range: '5m' };
const NO_QUERY_PANELS = new Set(['row', 'text']);

const errors = [];
const warnings = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);
const warn = (where, message) => warnings.push(`${where}: ${message}`);

// `$name`, `${name}`, `${name:format}`, `[[name]]`, `[[name:format]]`.
const VARIABLE_REFERENCE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;
const references = (text) => [...String(text).matchAll(VARIABLE_REFERENCE)].map((m) => m[1] ?? m[2] ?? m[3]);
const substitute = (expr) => String(expr).replace(VARIABLE_REFERENCE, (_, a, b, c) => MACROS[a ?? b ?? c] ?? '.*');

function variableQuery(variable) {
  const q = variable.query;
  return typeof q === 'string' ? q : typeof q?.query === 'string' ? q.query : '';
}

// The PromQL inside a variable query: label_values(selector, label), query_result(expr), or a bare expression.
function variablePromql(query) {
  const labelValues = /^\s*label_values\((.*),\s*\w+\s*\)\s*$/s.exec(query);
  if (labelValues) return labelValues[1];
  const queryResult = /^\s*query_result\((.*)\)\s*$/s.exec(query);
  if (queryResult) return queryResult[1];
  if (/^\s*(label_names|metrics)\(/.test(query)) return null;
  return query;
}

function checkDatasource(where, datasource, required) {
  if (datasource === undefined || datasource === null) {
    if (required) fail(where, `no datasource (must be { "type": "prometheus", "uid": "${DATASOURCE_UID}" })`);
    return;
  }
  if (datasource.uid !== DATASOURCE_UID) fail(where, `datasource uid ${JSON.stringify(datasource.uid)}, must be "${DATASOURCE_UID}"`);
  if (datasource.type !== undefined && datasource.type !== 'prometheus') fail(where, `datasource type ${JSON.stringify(datasource.type)}, must be "prometheus"`);
}

function checkReferences(where, text, defined, { query }) {
  for (const name of references(text)) {
    if (name.startsWith('__')) {
      if (query && !(name in MACROS)) fail(where, `uses $${name}; queries may use only ${Object.keys(MACROS).map((m) => '$' + m).join(', ')}`);
    } else if (!defined.has(name)) {
      fail(where, `uses $${name}, which is not a variable of this dashboard`);
    }
  }
  if (query && /\[\s*\$(\{)?__interval\b/.test(text)) {
    fail(where, 'a range of [$__interval] can hold one sample and return nothing; use [$__rate_interval]');
  }
}

const promql = []; // { where, expr }
const dashboardUids = new Map();
const dashboardTitles = new Map();
const typeChecks = []; // { file, source }

const files = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) fail(dashboardsDir, 'no dashboard JSON files');

for (const file of files) {
  const name = basename(file, '.json');
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8'));
  } catch (e) {
    fail(file, `not valid JSON: ${e.message}`);
    continue;
  }

  if (typeof dashboard.uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(dashboard.uid)) {
    fail(file, `uid ${JSON.stringify(dashboard.uid)}: a stable uid of at most 40 letters, digits, '-' or '_' is required`);
  } else if (dashboardUids.has(dashboard.uid)) {
    fail(file, `uid "${dashboard.uid}" is also the uid of ${dashboardUids.get(dashboard.uid)}`);
  } else dashboardUids.set(dashboard.uid, file);
  if (typeof dashboard.title !== 'string' || dashboard.title.trim() === '') fail(file, 'no title');
  else if (dashboardTitles.has(dashboard.title)) fail(file, `title "${dashboard.title}" is also the title of ${dashboardTitles.get(dashboard.title)} (one folder)`);
  else dashboardTitles.set(dashboard.title, file);
  if (dashboard.id !== undefined && dashboard.id !== null) fail(file, 'has an "id": provisioned dashboards are identified by uid; remove it');

  const variables = dashboard.templating?.list ?? [];
  const defined = new Set();
  for (const [i, variable] of variables.entries()) {
    const where = `${file}: variable ${variable.name ?? '#' + i}`;
    if (defined.has(variable.name)) fail(where, 'defined twice');
    defined.add(variable.name);
    if (variable.type === 'query') checkDatasource(where, variable.datasource, true);
  }
  const used = new Set();
  for (const variable of variables) {
    const where = `${file}: variable ${variable.name}`;
    const query = variableQuery(variable);
    if (variable.type !== 'query') continue;
    if (query.trim() === '') { fail(where, 'query variable without a query'); continue; }
    checkReferences(where, query, defined, { query: true });
    references(query).forEach((r) => used.add(r));
    const expr = variablePromql(query);
    if (expr !== null) promql.push({ where, expr: substitute(expr) });
  }

  const panels = dashboard.panels ?? [];
  const ids = new Map();
  const boxes = [];
  for (const [i, panel] of panels.entries()) {
    const where = `${file}: panel ${panel.id ?? '#' + i} "${panel.title ?? ''}"`;
    if (typeof panel.id !== 'number') fail(where, 'no numeric id');
    else if (ids.has(panel.id)) fail(where, `id ${panel.id} is also the id of "${ids.get(panel.id)}"`);
    else ids.set(panel.id, panel.title ?? '');
    if (!panel.title) fail(where, 'no title');
    checkReferences(where, `${panel.title ?? ''} ${panel.description ?? ''}`, defined, { query: false });
    if (panel.repeat) {
      if (!defined.has(panel.repeat)) fail(where, `repeats over $${panel.repeat}, which is not defined`);
      used.add(panel.repeat);
    }
    const g = panel.gridPos;
    if (!g || [g.x, g.y, g.w, g.h].some((n) => typeof n !== 'number')) fail(where, 'no gridPos {x, y, w, h}');
    else {
      if (g.x < 0 || g.w < 1 || g.x + g.w > 24) fail(where, `gridPos x ${g.x} + w ${g.w} leaves the 24 columns`);
      for (const other of boxes) {
        const o = other.g;
        if (g.x < o.x + o.w && o.x < g.x + g.w && g.y < o.y + o.h && o.y < g.y + g.h) fail(where, `overlaps ${other.where}`);
      }
      boxes.push({ g, where: `panel ${panel.id} "${panel.title ?? ''}"` });
    }

    if (panel.type === 'row') {
      if ((panel.panels ?? []).length > 0) fail(where, 'a row nests panels; put them at the top level after the row (collapsed: false)');
      continue;
    }
    if (panel.type === 'text') {
      if ((panel.targets ?? []).length > 0) fail(where, 'a text panel with targets');
      continue;
    }
    checkDatasource(where, panel.datasource, false);
    const targets = panel.targets ?? [];
    if (targets.length === 0) fail(where, 'no targets');
    const refIds = new Set();
    for (const [j, target] of targets.entries()) {
      const tw = `${where} target ${target.refId ?? '#' + j}`;
      if (typeof target.refId !== 'string' || target.refId === '') fail(tw, 'no refId');
      else if (refIds.has(target.refId)) fail(tw, 'refId used twice in the panel');
      refIds.add(target.refId);
      checkDatasource(tw, target.datasource, true);
      if (typeof target.expr !== 'string' || target.expr.trim() === '') { fail(tw, 'no expr'); continue; }
      checkReferences(tw, target.expr, defined, { query: true });
      references(target.expr).forEach((r) => used.add(r));
      if (typeof target.legendFormat === 'string') checkReferences(tw, target.legendFormat, defined, { query: false });
      promql.push({ where: tw, expr: substitute(target.expr) });
    }
  }
  for (const name of defined) if (!used.has(name)) warn(`${file}: variable ${name}`, 'defined but used by no query');

  // The TypeScript check: the dashboard, then each panel's plugin options and custom field config.
  const lines = [
    `// Generated by check.mjs from dashboards/${file}; not committed.`,
    "import type { DashboardJson, PanelCustom, PanelOptions } from '../grafana-json';",
    `export const dashboard = ${JSON.stringify(dashboard, null, 2)} satisfies DashboardJson;`,
  ];
  for (const [i, panel] of panels.entries()) {
    if (panel.type === 'row') continue;
    const type = JSON.stringify(panel.type);
    lines.push(`// panel ${panel.id} ${JSON.stringify(panel.title ?? '')} (${panel.type})`);
    lines.push(`export const options_${i} = ${JSON.stringify(panel.options ?? {}, null, 2)} satisfies PanelOptions<${type}>;`);
    lines.push(`export const custom_${i} = ${JSON.stringify(panel.fieldConfig?.defaults?.custom ?? {}, null, 2)} satisfies PanelCustom<${type}>;`);
  }
  typeChecks.push({ file, ts: `${name}.ts`, source: lines.join('\n') + '\n' });
}

// 1. tsc
rmSync(generated, { recursive: true, force: true });
mkdirSync(generated);
for (const { ts, source } of typeChecks) writeFileSync(join(generated, ts), source);
const tsc = spawnSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(here, 'tsconfig.json'), '--pretty', 'false'], { cwd: here, encoding: 'utf8' });
if (tsc.error) fail('tsc', tsc.error.message);
else if (tsc.status !== 0) {
  // Point each error at its dashboard and panel: the generated file names them in comments.
  const output = `${tsc.stdout}${tsc.stderr}`.trim().split('\n');
  for (const line of output) {
    const m = /^generated\/([^(]+)\.ts\((\d+),(\d+)\): (.*)$/.exec(line);
    if (!m) { if (line.trim()) fail('tsc', line); continue; }
    const source = readFileSync(join(generated, `${m[1]}.ts`), 'utf8').split('\n');
    const at = Number(m[2]) - 1;
    let context = 'dashboard';
    for (let k = at; k >= 0; k--) {
      const panel = /^\/\/ panel (.*)$/.exec(source[k]);
      if (panel) {
        const custom = source.findIndex((l, idx) => idx > k && l.startsWith('export const custom_'));
        context = `panel ${panel[1]}, ${at < custom ? 'options' : 'fieldConfig.defaults.custom'}`;
        break;
      }
      if (source[k].startsWith('export const dashboard')) break;
    }
    fail(`${m[1]}.json (${context})`, `${m[4]}\n      at: ${(source[at] ?? '').trim()}`);
  }
  if (errors.length === 0) fail('tsc', `exited with ${tsc.status}`);
}

// 3. promtool
if (process.env.GRAFANA_CHECK_PROMTOOL === '0') {
  warn('promtool', 'GRAFANA_CHECK_PROMTOOL=0: PromQL syntax NOT checked');
} else {
  const rules = {
    groups: [{
      name: 'dashboard-queries',
      rules: promql.map((q, i) => ({ record: `dashboard_query_${i}`, expr: q.expr })),
    }],
  };
  const rulesFile = join(generated, 'queries.rules.json');
  writeFileSync(rulesFile, JSON.stringify(rules, null, 2));
  let promtool;
  try {
    promtool = spawnSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' });
  } catch (e) {
    promtool = { error: e };
  }
  if (promtool.error) {
    fail('promtool', `cannot run promtool (${promtool.error.code ?? promtool.error.message}): install it (Debian: apt-get install prometheus) or set GRAFANA_CHECK_PROMTOOL=0 to skip the PromQL check`);
  } else if (promtool.status !== 0) {
    const out = `${promtool.stdout}${promtool.stderr}`;
    let named = false;
    for (const m of out.matchAll(/dashboard_query_(\d+)[^\n]*?(?:: |\n)([^\n]*)/g)) {
      const q = promql[Number(m[1])];
      if (q) { fail(q.where, `PromQL does not parse: ${m[2].trim()}\n      expr: ${q.expr}`); named = true; }
    }
    if (!named) {
      // promtool names the rule by its position; find the failing ones one by one.
      for (const q of promql) {
        writeFileSync(rulesFile, JSON.stringify({ groups: [{ name: 'q', rules: [{ record: 'dashboard_query', expr: q.expr }] }] }));
        const one = spawnSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' });
        if (one.status !== 0) fail(q.where, `PromQL does not parse: ${(one.stdout + one.stderr).split('\n').filter((l) => /error|parse/i.test(l)).join(' ').trim()}\n      expr: ${q.expr}`);
      }
      if (errors.length === 0) fail('promtool', out.trim());
    }
  }
}

const schemaVersion = (() => {
  try {
    const text = readFileSync(join(here, 'node_modules', '@grafana', 'schema', 'dist', 'esm', 'raw', 'dashboard', 'x', 'types.gen.mjs'), 'utf8');
    return Number(/schemaVersion:\s*(\d+)/.exec(text)?.[1]);
  } catch { return NaN; }
})();
for (const file of files) {
  try {
    const d = JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8'));
    if (Number.isFinite(schemaVersion) && d.schemaVersion !== schemaVersion) {
      warn(file, `schemaVersion ${d.schemaVersion}; @grafana/schema ${JSON.parse(readFileSync(join(here, 'node_modules', '@grafana', 'schema', 'package.json'), 'utf8')).version} writes ${schemaVersion}`);
    }
  } catch { /* reported above */ }
}

for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length > 0) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`\n${errors.length} error(s) in ${files.length} dashboard(s).`);
  process.exit(1);
}
const panelCount = typeChecks.reduce((n, c) => n + (c.source.match(/^\/\/ panel /gm) ?? []).length, 0);
const promqlChecked = process.env.GRAFANA_CHECK_PROMTOOL === '0' ? 'PromQL NOT checked' : 'PromQL parses';
console.log(`${files.length} dashboards, ${panelCount} panels, ${promql.length} queries: types match @grafana/schema, structure is sound, ${promqlChecked}.`);
