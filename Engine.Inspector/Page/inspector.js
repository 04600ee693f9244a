// The inspector's page. Everything from the engine is shown with textContent, never as markup.
'use strict';

const $ = (id) => document.getElementById(id);
const SUMMARY_EVERY_MS = 1000;
const FOREST_EVERY_MS = 5000;
const PLOT_SAMPLES = 120;
const FRAME_HISTORY = 300;
const CHILDREN_SHOWN = 200;
const MATCHES_SHOWN = 500;
const COLORS = ['#8fd18f', '#7fb3ff', '#e8c36a', '#f08c5a', '#c792ea', '#5ad1c7', '#ff6b6b', '#b0b8c8', '#d1a35a', '#9cdcfe'];

const state = {
  forest: null,        // { records, byIndex, children, roots }
  expanded: new Set(), // handles of expanded nodes, kept across refreshes
  samples: [],         // { frame, kinds: { kind: count } }
  frames: [],          // per-frame counters from the event stream
  fpsMark: null,
};

// The token comes in the address's fragment (#token=…), which the browser never sends to any server. It is kept in
// this tab's sessionStorage (per origin: scheme, host and port, unlike cookies, which every port of 127.0.0.1 would
// receive), sent only as an Authorization header to this origin, and taken out of the address bar and the history.
const TOKEN_KEY = 'inspector-token';
const given = new URLSearchParams(location.hash.slice(1)).get('token') || new URLSearchParams(location.search).get('token');
if (given) sessionStorage.setItem(TOKEN_KEY, given);
if (location.hash || location.search) history.replaceState(null, '', location.pathname);
const AUTH = { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) || ''}` };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgEl(tag, attributes) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function showError(text) {
  const error = $('error');
  error.hidden = !text;
  error.textContent = text || '';
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store', credentials: 'omit', headers: AUTH });
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${(await response.text()).trim()}`);
  }
  return response.json();
}

// ---- forest -------------------------------------------------------------------------------------------------

function indexForest(data) {
  const byIndex = new Map();
  for (const record of data.records) byIndex.set(record.i, record);
  const children = new Map();
  const roots = [];
  for (const record of data.records) {
    if (record.p >= 0 && byIndex.has(record.p)) {
      if (!children.has(record.p)) children.set(record.p, []);
      children.get(record.p).push(record);
    } else {
      roots.push(record);
    }
  }
  return { data, byIndex, children, roots };
}

function nodeElement(record, forest, visible, matches) {
  const item = el('li');
  item.dataset.handle = record.handle;
  item.dataset.kind = record.kind;
  item.setAttribute('role', 'treeitem');
  const kids = (forest.children.get(record.i) || []).filter((child) => !visible || visible.has(child.i));
  const toggle = el('span', 'toggle', kids.length ? '▸' : ' ');
  const label = el('span', 'label', record.label);
  const stateTag = el('span', `state state-${record.state}`, record.state);
  const placed = record.placedIn !== undefined ? ` · @0x${record.offset.toString(16)} in ${record.placedIn}` : '';
  const meta = el('span', 'meta', `f${record.creationFrame}${placed}${kids.length ? ` · ${(forest.children.get(record.i) || []).length} children` : ''}`);
  item.append(toggle, label, stateTag, meta);
  if (matches && matches.has(record.i)) item.classList.add('match');
  const open = visible ? true : state.expanded.has(record.handle);
  if (kids.length) {
    const list = el('ul');
    item.append(list);
    const expand = (on) => {
      toggle.textContent = on ? '▾' : '▸';
      item.setAttribute('aria-expanded', String(on));
      list.hidden = !on;
      if (on && !list.childElementCount) renderChildren(list, kids, forest, visible, matches);
      if (!visible) {
        if (on) state.expanded.add(record.handle); else state.expanded.delete(record.handle);
      }
    };
    toggle.addEventListener('click', () => expand(list.hidden || !list.childElementCount));
    label.addEventListener('click', () => expand(list.hidden || !list.childElementCount));
    expand(open);
  }
  return item;
}

function renderChildren(list, kids, forest, visible, matches) {
  const shown = kids.slice(0, CHILDREN_SHOWN);
  for (const child of shown) list.append(nodeElement(child, forest, visible, matches));
  if (kids.length > shown.length) {
    const more = el('li', 'more', `… ${kids.length - shown.length} more (show all)`);
    more.addEventListener('click', () => {
      more.remove();
      for (const child of kids.slice(shown.length)) list.append(nodeElement(child, forest, visible, matches));
    });
    list.append(more);
  }
}

function parseQuery(text) {
  const query = { kind: null, state: null, words: [] };
  for (const part of text.trim().toLowerCase().split(/\s+/).filter(Boolean)) {
    if (part.startsWith('kind:')) query.kind = part.slice(5);
    else if (part.startsWith('state:')) query.state = part.slice(6);
    else query.words.push(part);
  }
  return query;
}

function matchesQuery(record, query) {
  if (query.kind && !record.kind.toLowerCase().includes(query.kind)) return false;
  if (query.state && !record.state.startsWith(query.state)) return false;
  const text = `${record.label} ${record.state}`.toLowerCase();
  return query.words.every((word) => text.includes(word));
}

function renderTree() {
  const forest = state.forest;
  const tree = $('tree');
  tree.replaceChildren();
  if (!forest) return;
  const text = $('search').value;
  const listed = forest.data.listed < forest.data.resources ? ` (first ${forest.data.listed} listed)` : '';
  if (!text.trim()) {
    for (const root of forest.roots) tree.append(nodeElement(root, forest, null, null));
    $('tree-status').textContent = `${forest.data.resources} resources at frame ${forest.data.frame}${listed}`;
    return;
  }
  const query = parseQuery(text);
  const matches = new Set();
  for (const record of forest.data.records) {
    if (matchesQuery(record, query)) {
      matches.add(record.i);
      if (matches.size >= MATCHES_SHOWN) break;
    }
  }
  const visible = new Set();
  for (const i of matches) {
    // A crafted snapshot could hold a parent cycle: stop at the first node seen.
    for (let node = forest.byIndex.get(i); node && !visible.has(node.i); node = forest.byIndex.get(node.p)) visible.add(node.i);
  }
  for (const root of forest.roots) {
    if (visible.has(root.i)) tree.append(nodeElement(root, forest, visible, matches));
  }
  const capped = matches.size >= MATCHES_SHOWN ? ` (first ${MATCHES_SHOWN} shown)` : '';
  $('tree-status').textContent = `${matches.size} match${matches.size === 1 ? '' : 'es'}${capped} at frame ${forest.data.frame}${listed}`;
}

async function refreshForest() {
  try {
    state.forest = indexForest(await getJson('/forest'));
    if (state.expanded.size === 0) {
      for (const root of state.forest.roots) state.expanded.add(root.handle);
    }
    renderTree();
    showError('');
  } catch (error) {
    showError(String(error.message || error));
  }
}

// ---- summary: counts over time, growing, blocked --------------------------------------------------------------

function renderPlot() {
  const plot = $('plot');
  plot.replaceChildren();
  const legend = $('legend');
  legend.replaceChildren();
  const samples = state.samples;
  if (!samples.length) return;
  const kinds = Object.keys(samples[samples.length - 1].kinds);
  let max = 1;
  for (const sample of samples) for (const count of Object.values(sample.kinds)) max = Math.max(max, count);
  const width = 600;
  const height = 220;
  const x = (i) => (samples.length === 1 ? width / 2 : (i / (samples.length - 1)) * (width - 10) + 5);
  const y = (value) => height - 8 - (value / max) * (height - 20);
  kinds.forEach((kind, k) => {
    const color = COLORS[k % COLORS.length];
    const points = samples.map((sample, i) => `${x(i).toFixed(1)},${y(sample.kinds[kind] || 0).toFixed(1)}`).join(' ');
    const line = svgEl('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke' });
    line.dataset.kind = kind;
    plot.append(line);
    const entry = el('li');
    entry.dataset.kind = kind;
    const swatch = el('span', 'swatch');
    swatch.style.background = color;
    entry.append(swatch, document.createTextNode(`${kind} ${samples[samples.length - 1].kinds[kind]}`));
    legend.append(entry);
  });
  const top = svgEl('text', { x: 6, y: 14, fill: '#8a94a6', 'font-size': 11 });
  top.textContent = String(max);
  plot.append(top);
}

function renderGrowing(growth) {
  const list = $('growing');
  list.replaceChildren();
  $('growing-status').textContent = growth.growing.length
    ? `rose in each of the last ${growth.rises} samples (${growth.samples} kept)`
    : growth.samples > growth.rises ? `nothing keeps growing (${growth.samples} samples)` : `needs ${growth.rises + 1} samples, has ${growth.samples}`;
  for (const group of growth.growing) {
    const item = el('li');
    item.dataset.kind = group.kind;
    item.append(el('div', 'label', `${group.kind}${group.name !== undefined ? ` "${group.name}"` : ''}${group.stuckRelease ? ' (released, never destroyed)' : ''}: ${group.count} (+${group.growth})`));
    item.append(el('div', 'why', `under ${group.owner || '(root)'} · ${group.series.join(' → ')}`));
    list.append(item);
  }
}

function renderBlocked(blocked) {
  const list = $('blocked');
  list.replaceChildren();
  $('blocked-status').textContent = blocked.stuck
    ? `${blocked.stuck} stuck of ${blocked.pending} released, in ${blocked.chains} chain${blocked.chains === 1 ? '' : 's'}`
    : blocked.pending ? `${blocked.pending} released, none stuck` : 'nothing released is waiting';
  for (const head of blocked.heads) {
    const item = el('li');
    item.dataset.handle = head.resource.handle;
    item.append(el('div', `label state-${head.resource.state}`, `${head.resource.label} ${head.resource.state}`));
    item.append(el('div', 'why', head.why));
    const causes = el('ul');
    for (const cause of head.causes) {
      const line = el('li');
      line.dataset.cause = cause.cause;
      line.append(el('span', 'label', cause.resource.label), el('span', 'why', ` — ${cause.why}`));
      causes.append(line);
    }
    if (head.causeCount > head.causes.length) causes.append(el('li', 'why', `… ${head.causeCount - head.causes.length} more`));
    item.append(causes);
    list.append(item);
  }
}

function bytes(value) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

// The memory section: each container (a memory block) with what is placed in it, as resdump stats shows it.
function renderMemory(memory) {
  const list = $('memory');
  list.replaceChildren();
  $('memory-status').textContent = memory.containerCount
    ? `${bytes(memory.used)} used of ${bytes(memory.size)} in ${memory.containerCount} container${memory.containerCount === 1 ? '' : 's'}, ${memory.ranges} ranges` +
      (memory.containers.length < memory.containerCount ? ` (first ${memory.containers.length} listed)` : '')
    : 'nothing placed in a container';
  for (const use of memory.containers) {
    const item = el('li');
    item.dataset.handle = use.resource.handle;
    item.append(el('div', 'label', use.resource.label));
    const bar = el('div', 'bar');
    const fill = el('span');
    fill.style.width = `${use.size > 0 ? Math.min(100, (use.used / use.size) * 100) : 0}%`;
    bar.append(fill);
    item.append(bar);
    item.append(el('div', 'why',
      `used ${bytes(use.used)} of ${bytes(use.size)} · free ${bytes(use.free)} · ${use.ranges} ranges · largest free ${bytes(use.largestFree)} · ` +
      `fragmentation ${(use.fragmentation * 100).toFixed(1)}%${use.badRanges ? ` · ${use.badRanges} bad ranges` : ''}`));
    list.append(item);
  }
}

async function refreshSummary() {
  try {
    const summary = await getJson('/summary');
    $('frame').textContent = String(summary.frame);
    $('resources').textContent = String(summary.resources);
    state.samples.push({ frame: summary.frame, kinds: summary.kinds });
    if (state.samples.length > PLOT_SAMPLES) state.samples.shift();
    renderPlot();
    renderGrowing(summary.growth);
    renderBlocked(summary.blocked);
    renderMemory(summary.memory);
    if (!state.frames.length && summary.frames.recent.length) {
      state.frames = summary.frames.recent.slice(-FRAME_HISTORY);
      renderFrames();
    }
    showError('');
  } catch (error) {
    showError(String(error.message || error));
  }
}

// ---- per-frame counters from the event stream ------------------------------------------------------------------

function renderFrames() {
  const frames = state.frames;
  const plot = $('frames-plot');
  plot.replaceChildren();
  if (!frames.length) return;
  let max = 1;
  for (const f of frames) max = Math.max(max, f.created, f.destroyed);
  const x = (i) => (i / Math.max(1, FRAME_HISTORY - 1)) * 600;
  const y = (value) => 76 - (value / max) * 70;
  for (const [field, color] of [['created', '#8fd18f'], ['destroyed', '#ff6b6b']]) {
    const points = frames.map((f, i) => `${x(i).toFixed(1)},${y(f[field]).toFixed(1)}`).join(' ');
    plot.append(svgEl('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' }));
  }
  const last = frames[frames.length - 1];
  $('frames-live').textContent =
    `frame ${last.frame}: +${last.created} created, −${last.destroyed} destroyed, ${last.resources} resources, ` +
    `${last.pending} pending, ${last.blocked} blocked, ${last.waitingForGpu} waiting for GPU`;
}

// The event stream is read with fetch (EventSource cannot send a header): server-sent events, parsed here.
async function readEvents(onFrame) {
  const response = await fetch('/events', { cache: 'no-store', credentials: 'omit', headers: AUTH });
  if (!response.ok) throw new Error(`/events: ${response.status}`);
  $('stream-status').textContent = 'live';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    text += value;
    let end;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const event = text.slice(0, end);
      text = text.slice(end + 2);
      const data = event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      if (data) onFrame(JSON.parse(data));
    }
  }
}

function connectEvents() {
  let pending = false;
  const onFrame = (frame) => {
    state.frames.push(frame);
    if (state.frames.length > FRAME_HISTORY) state.frames.splice(0, state.frames.length - FRAME_HISTORY);
    const now = performance.now();
    if (!state.fpsMark) state.fpsMark = { time: now, frame: frame.frame };
    else if (now - state.fpsMark.time >= 1000) {
      $('fps').textContent = String(Math.round(((frame.frame - state.fpsMark.frame) * 1000) / (now - state.fpsMark.time)));
      state.fpsMark = { time: now, frame: frame.frame };
    }
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; renderFrames(); });
    }
  };
  readEvents(onFrame)
    .catch(() => {})
    .finally(() => {
      $('stream-status').textContent = 'reconnecting';
      setTimeout(connectEvents, 2000);
    });
}

let searchTimer = 0;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(renderTree, 150);
});
$('refresh').addEventListener('click', refreshForest);

refreshForest();
refreshSummary();
setInterval(refreshSummary, SUMMARY_EVERY_MS);
setInterval(refreshForest, FOREST_EVERY_MS); // open nodes stay open: they are kept by handle
connectEvents();
