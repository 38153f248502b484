// Small helpers the portal needs from the browser. Loaded as a file so the CSP needs no inline script.
(() => {
  // "/" focuses the ask box from anywhere, unless the person is typing somewhere.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) return;
    const box = document.getElementById('global-ask');
    if (box) {
      e.preventDefault();
      box.focus();
    }
  });

  // ← and → turn the source viewer's pages, unless the person is typing somewhere.
  document.addEventListener('keydown', (e) => {
    if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const target = e.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) return;
    const link = document.querySelector(e.key === 'ArrowLeft' ? '[data-kp-page-prev]' : '[data-kp-page-next]');
    if (link instanceof HTMLElement) {
      e.preventDefault();
      link.click();
    }
  });
})();

window.knowledgePortal = {
  // Scrolls the first highlighted passage into view (source viewer).
  scrollToHighlight: (selector) => {
    const element = document.querySelector(selector || '.kp-highlight');
    if (element) element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return element !== null;
  },
  // Keeps the newest answer in view while it streams.
  scrollToBottom: (id) => {
    const element = document.getElementById(id);
    if (element) element.scrollIntoView({ block: 'end' });
  },
  focus: (id) => document.getElementById(id)?.focus(),
  // The theme a person chose on this browser ("dark" or "light"); null when they never chose.
  theme: {
    get: () => { try { return localStorage.getItem('kp-theme'); } catch { return null; } },
    set: (value) => { try { localStorage.setItem('kp-theme', value); } catch { /* private mode: the choice lasts this page */ } },
  },
  // Copies a one-time secret; false when the browser refuses (then the person selects it by hand).
  copy: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  // Keeps what is typed into an article in this browser until the server has it, so text typed
  // while the connection was down (which the server never received) survives a reload.
  drafts: (() => {
    const watched = new Map(); // storage key -> { revision, fields: { name: element id } }
    const storageKey = (key) => 'kp-draft:' + key;
    const read = (key) => {
      try {
        const text = localStorage.getItem(storageKey(key));
        return text ? JSON.parse(text) : null;
      } catch {
        return null;
      }
    };
    const write = (key, record) => {
      try { localStorage.setItem(storageKey(key), JSON.stringify(record)); } catch { /* full or private mode: autosave still runs */ }
    };
    const remove = (key) => {
      try { localStorage.removeItem(storageKey(key)); } catch { /* nothing kept */ }
    };
    document.addEventListener('input', (e) => {
      const id = e.target instanceof HTMLElement ? e.target.id : null;
      if (!id) return;
      for (const [key, state] of watched) {
        if (!Object.values(state.fields).includes(id)) continue;
        const record = { revision: state.revision, at: Date.now() };
        for (const [name, fieldId] of Object.entries(state.fields)) {
          const element = document.getElementById(fieldId);
          record[name] = element ? element.value : (read(key)?.[name] ?? null);
        }
        write(key, record);
      }
    });
    return {
      watch: (key, revision, fields) => { watched.set(key, { revision, fields }); },
      unwatch: (key) => { watched.delete(key); },
      read,
      discard: remove,
      // The server saved these values at this revision: forget the copy if it holds nothing newer.
      saved: (key, revision, values) => {
        const state = watched.get(key);
        if (state) state.revision = revision;
        const record = read(key);
        if (!record) return;
        if (Object.keys(values).every((name) => (record[name] ?? '') === (values[name] ?? ''))) {
          remove(key);
        } else {
          record.revision = revision;
          write(key, record);
        }
      },
    };
  })(),
};

// An image pasted or dropped into an article's body is uploaded like one chosen with "Add an image":
// it is handed to that file input, so one server path stores and checks every image.
(() => {
  const imagesOf = (transfer) => transfer ? [...transfer.files].filter((f) => f.type.startsWith('image/')) : [];
  const handOver = (e, transfer) => {
    if (!(e.target instanceof HTMLElement) || !e.target.closest('[data-kp-image-target]')) return;
    const images = imagesOf(transfer);
    const input = document.querySelector('input[type=file][data-kp-image-input]');
    if (images.length === 0 || !input) return;
    e.preventDefault();
    const files = new DataTransfer();
    files.items.add(images[0]);
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  document.addEventListener('paste', (e) => handOver(e, e.clipboardData));
  document.addEventListener('dragover', (e) => {
    if (e.target instanceof HTMLElement && e.target.closest('[data-kp-image-target]') && e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => handOver(e, e.dataTransfer));
})();
