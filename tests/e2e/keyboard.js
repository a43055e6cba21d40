// Keyboard-only helpers for the journeys: move with Tab until a control has the focus (checking
// on the way that every focused element shows a visible focus indicator), press a key that
// loads another page, read where the focus is.
'use strict';

// The focus is scrolled into view with the next frame (the style sheet has no smooth scrolling);
// a loaded machine (tests run two at a time) may take a while to draw it.
const SCROLL_TIMEOUT_MS = 5000;

// Runs in the page: what has the focus, and whether a sighted keyboard user can see it (an
// outline or a shadow on the element or on its ::before / ::after, as the cards draw it; a box
// of at least 2 × 2 px inside the viewport).
function focusState(selector) {
  const el = document.activeElement;
  if (!el || el === document.body) return { matches: false, description: 'body', indicator: true, inView: true };
  const drawn = (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
                           (style.boxShadow && style.boxShadow !== 'none');
  const indicator = drawn(getComputedStyle(el)) || drawn(getComputedStyle(el, '::before')) ||
                    drawn(getComputedStyle(el, '::after'));
  const r = el.getBoundingClientRect();
  const inView = r.width >= 2 && r.height >= 2 && r.bottom > 0 && r.right > 0 &&
                 r.top < window.innerHeight && r.left < window.innerWidth;
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ');
  const description = `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? ' name=' + el.name : ''}> ${text.slice(0, 60)}`;
  return { matches: el.matches(selector), description, indicator, inView };
}

// Presses Tab (Shift+Tab when `backward`) until the element matching `selector` has the focus.
// Throws when it is not reached in `max` presses, or when an element on the way got the focus
// without a visible indicator.
async function tabTo(page, selector, { backward = false, max = 90 } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    let state = await page.evaluate(focusState, selector);
    // (A loop of evaluations: waitForFunction needs page scripts, which some journeys turn off.)
    for (const deadline = Date.now() + SCROLL_TIMEOUT_MS; !state.inView && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      state = await page.evaluate(focusState, selector);
    }
    path.push(state.description);
    if (!state.indicator || !state.inView) {
      throw new Error(`focus not visible on ${state.description} ` +
                      `(indicator: ${state.indicator}, in view: ${state.inView})`);
    }
    if (state.matches) return state.description;
  }
  throw new Error(`${selector} not reached with ${max} presses of ${backward ? 'Shift+Tab' : 'Tab'}; ` +
                  `focus went through:\n  ${path.join('\n  ')}`);
}

// Presses `key` and waits for the page it leads to (a different URL) to load.
async function pressAndLoad(page, key) {
  const before = page.url();
  await page.keyboard.press(key);
  await page.waitForURL((url) => url.href !== before, { waitUntil: 'load' });
}

async function focused(page) {
  return page.evaluate(focusState, '*');
}

module.exports = { tabTo, pressAndLoad, focused, focusState };
