// The page's user-facing strings. The server renders them from messages*.properties for the
// request's language into <script type="application/json" id="parley-strings">; nothing is
// hard-coded here.

let table = null;

function strings() {
  if (table === null) {
    const block = document.getElementById('parley-strings');
    try {
      table = block ? JSON.parse(block.textContent) : {};
    } catch (e) {
      console.error('Unreadable page strings', e);
      table = {};
    }
  }
  return table;
}

/** The string for `key` with {0}, {1}, … replaced by `args`; the key itself if it is missing. */
export function t(key, ...args) {
  const text = strings()[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (match, index) => (index < args.length ? String(args[index]) : match));
}

/** The text for users of an error frame's stable `code`. */
export function errorText(code) {
  const key = `parley.error.${code}`;
  return key in strings() ? t(key) : t('parley.error.unknown');
}
