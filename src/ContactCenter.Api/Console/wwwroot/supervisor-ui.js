// Wallboard building blocks: element construction, durations and times, and labelled actions whose failure the
// page shows in its [data-errors] box (the shared api.js shows the problem details of a failed request there first).
import { showError } from "/console/static/api.js";

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('aria-')) { node.setAttribute(key, String(value)); continue; }
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export const duration = (seconds) => {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
};
export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
export const percent = (value) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`);

export async function act(label, work) {
  try {
    await work();
  } catch (error) {
    showError(`${label}: ${error.message}`);
  }
}
