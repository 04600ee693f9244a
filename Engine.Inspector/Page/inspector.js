// The inspector's page. Everything from the engine is shown with textContent, never as markup.
'use strict';

const $ = (id) => document.getElementById(id);
const SUMMARY_EVERY_MS = 1000;
const FOREST_EVERY_MS = 5000;
const PLOT_SAMPLES = 120;
const FRAME_HISTORY = 300;
const COLORS = ['#8fd18f', '#7fb3ff', '#e8c36a', '#f08c5a', '#c792ea', '#5ad1c7', '#ff6b6b', '#b0b8c8', '#d1a35a', '#9cdcfe'];

const state = {
  forest: null,        // { resources, frame } of the last roots page
  pages: new Map(),    // handle (null: the roots) -> { records, total, next }: the loaded children pages
  expanded: new Set(), // handles of expanded nodes, kept across refreshes
  search: null,        // { query, matches, frame, records, next, firstPage } while the search box holds text
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

// ---- forest: paged on the server ----------------------------------------------------------------------------
// The tree holds only what was asked for: the roots, and the children of each expanded node, a page (at most 500) at
// a time. A search asks the server too: a page of matches with their ancestors.

// One loaded list of children: the records so far, how many there are, and where the next page starts.
function pageOf(data) {
  return { records: data.records, total: data.total, next: data.from + data.records.length };
}

async function loadChildren(handle, from) {
  const parent = handle === null ? '' : `parent=${encodeURIComponent(handle)}&`;
  return getJson(`/forest?${parent}from=${from}`);
}

function nodeElement(record) {
  const item = el('li');
  item.dataset.handle = record.handle;
  item.dataset.kind = record.kind;
  item.setAttribute('role', 'treeitem');
  const toggle = el('span', 'toggle', record.n ? '▸' : ' ');
  const label = el('span', 'label', record.label);
  const stateTag = el('span', `state state-${record.state}`, record.state);
  const placed = record.placedIn !== undefined ? ` · @0x${record.offset.toString(16)} in ${record.placedIn}` : '';
  const meta = el('span', 'meta', `f${record.creationFrame}${placed}${record.n ? ` · ${record.n} children` : ''}`);
  item.append(toggle, label, stateTag, meta);
  if (record.m) item.classList.add('match');
  return { item, toggle, label };
}

// The browsing tree: a node opens on a click, its children fetched then (first page) and kept open by handle.
function browseNode(record) {
  const { item, toggle, label } = nodeElement(record);
  if (!record.n) return item;
  const list = el('ul');
  item.append(list);
  const show = (on) => {
    toggle.textContent = on ? '▾' : '▸';
    item.setAttribute('aria-expanded', String(on));
    list.hidden = !on;
  };
  const expand = async (on) => {
    if (on) state.expanded.add(record.handle); else state.expanded.delete(record.handle);
    show(on);
    if (on && !state.pages.has(record.handle)) {
      try {
        state.pages.set(record.handle, pageOf(await loadChildren(record.handle, 0)));
      } catch (error) {
        forget(record.handle, error);
        show(false);
        return;
      }
    }
    if (on) renderList(list, record.handle);
  };
  const click = () => expand(list.hidden);
  toggle.addEventListener('click', click);
  label.addEventListener('click', click);
  const open = state.expanded.has(record.handle) && state.pages.has(record.handle);
  show(open);
  if (open) renderList(list, record.handle);
  return item;
}

// A parent gone from the forest (404) leaves the expanded set; any other failure is shown.
function forget(handle, error) {
  state.expanded.delete(handle);
  state.pages.delete(handle);
  if (!String(error.message || error).includes(': 404 ')) showError(String(error.message || error));
}

function renderList(list, handle) {
  list.replaceChildren();
  const page = state.pages.get(handle);
  if (!page) return;
  for (const record of page.records) list.append(browseNode(record));
  if (page.next < page.total) {
    const more = el('li', 'more', `… ${page.total - page.next} more (show more)`);
    more.addEventListener('click', async () => {
      try {
        const next = await loadChildren(handle, page.next);
        page.records = page.records.concat(next.records);
        page.total = next.total;
        page.next = next.from + next.records.length;
        renderList(list, handle);
      } catch (error) {
        forget(handle, error);
      }
    });
    list.append(more);
  }
}

// The search tree: the matches with their ancestors, all open; "more matches" fetches the next page.
function searchNode(record, children) {
  const { item, toggle, label } = nodeElement(record);
  const kids = children.get(record.i) || [];
  if (!kids.length) return item;
  const list = el('ul');
  item.append(list);
  for (const child of kids) list.append(searchNode(child, children));
  const flip = () => {
    list.hidden = !list.hidden;
    toggle.textContent = list.hidden ? '▸' : '▾';
    item.setAttribute('aria-expanded', String(!list.hidden));
  };
  toggle.textContent = '▾';
  item.setAttribute('aria-expanded', 'true');
  toggle.addEventListener('click', flip);
  label.addEventListener('click', flip);
  return item;
}

function renderTree() {
  const tree = $('tree');
  tree.replaceChildren();
  const search = state.search;
  if (search) {
    const byIndex = new Map();
    // A record can come twice (an ancestor on one page, a match on the next): a match stays one.
    for (const record of search.records) {
      const before = byIndex.get(record.i);
      byIndex.set(record.i, before && before.m && !record.m ? before : record);
    }
    const children = new Map();
    const tops = [];
    for (const record of byIndex.values()) {
      if (record.p >= 0 && byIndex.has(record.p)) {
        if (!children.has(record.p)) children.set(record.p, []);
        children.get(record.p).push(record);
      } else {
        tops.push(record);
      }
    }
    for (const top of tops) tree.append(searchNode(top, children));
    if (search.next < search.matches) {
      const more = el('li', 'more', `… ${search.matches - search.next} more matches (show more)`);
      more.addEventListener('click', () => runSearch(search.query, search.next));
      tree.append(more);
    }
    const shown = search.next < search.matches ? ` (first ${search.next} shown)` : '';
    $('tree-status').textContent = `${search.matches} match${search.matches === 1 ? '' : 'es'}${shown} at frame ${search.frame}`;
    return;
  }
  const roots = state.pages.get(null);
  if (!roots) return;
  for (const root of roots.records) tree.append(browseNode(root));
  if (roots.next < roots.total) {
    const more = el('li', 'more', `… ${roots.total - roots.next} more roots (show more)`);
    more.addEventListener('click', async () => {
      try {
        const next = await loadChildren(null, roots.next);
        roots.records = roots.records.concat(next.records);
        roots.next = next.from + next.records.length;
        renderTree();
      } catch (error) {
        showError(String(error.message || error));
      }
    });
    tree.append(more);
  }
  $('tree-status').textContent = `${state.forest.resources} resources at frame ${state.forest.frame}`;
}

// A search answer that arrives after a newer search was started is dropped.
let searchSerial = 0;
async function runSearch(text, from) {
  const serial = ++searchSerial;
  try {
    const data = await getJson(`/forest?q=${encodeURIComponent(text)}&from=${from}`);
    if (serial !== searchSerial || searchText() !== text) return;
    const kept = from > 0 && state.search && state.search.query === text ? state.search.records : [];
    const firstPage = from > 0 && state.search ? state.search.firstPage : data.records.filter((r) => r.m).length;
    state.search = { query: text, matches: data.matches, frame: data.frame, records: kept.concat(data.records), next: data.from + data.records.filter((r) => r.m).length, firstPage };
    renderTree();
    showError('');
  } catch (error) {
    if (serial === searchSerial) showError(String(error.message || error));
  }
}

// The search box's text as the server takes it (at most 200 characters).
function searchText() {
  return $('search').value.trim().slice(0, 200);
}

function onSearchInput() {
  const text = searchText();
  if (!text) {
    searchSerial++;
    state.search = null;
    renderTree();
    return;
  }
  runSearch(text, 0);
}

// Every refresh: the roots' first page, then the first page of each expanded node reached from them, level by level.
async function refreshForest() {
  const text = searchText();
  if (text) {
    // Matches paged past the first page stay as they are: a refresh would take them away under the reader.
    if (!state.search || state.search.next <= state.search.firstPage) await runSearch(text, 0);
    return;
  }
  try {
    const first = !state.forest;
    const roots = await getJson('/forest');
    const pages = new Map([[null, pageOf(roots)]]);
    if (first && roots.records.length <= 20) {
      for (const root of roots.records) if (root.n) state.expanded.add(root.handle);
    }
    let level = roots.records;
    while (level.length) {
      const open = level.filter((record) => record.n && state.expanded.has(record.handle) && !pages.has(record.handle));
      const answers = await Promise.all(open.map((record) => loadChildren(record.handle, 0).then(pageOf, (error) => { forget(record.handle, error); return null; })));
      level = [];
      open.forEach((record, k) => {
        if (answers[k]) {
          pages.set(record.handle, answers[k]);
          level.push(...answers[k].records);
        }
      });
    }
    state.forest = { resources: roots.resources, frame: roots.frame };
    state.pages = pages;
    if (!searchText()) renderTree();
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
  searchTimer = setTimeout(onSearchInput, 250);
});
$('refresh').addEventListener('click', refreshForest);

refreshForest();
refreshSummary();
setInterval(refreshSummary, SUMMARY_EVERY_MS);
setInterval(refreshForest, FOREST_EVERY_MS); // open nodes stay open: they are kept by handle
connectEvents();
