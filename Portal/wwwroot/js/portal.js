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
};
