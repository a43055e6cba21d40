/* Tremplin progressive enhancement (ES2017, no dependencies, loaded with `defer`).
   Every page works without it. Hooks are data attributes (docs/design-system.md):
   data-t-place-autocomplete, data-t-error-summary, data-t-notice, data-t-filters. No select
   submits its form on change: arrow keys would reload the page at each step (WCAG 3.2.2, RGAA 7.4). */
(function () {
  'use strict';

  // "n suggestion(s)" reads the same in both languages.
  const MESSAGES = {
    fr: { list: 'Suggestions de lieux', none: 'Aucune suggestion', commune: 'Commune', department: 'Département', region: 'Région' },
    en: { list: 'Place suggestions', none: 'No suggestions', commune: 'Town', department: 'Department', region: 'Region' }
  };
  const text = MESSAGES[document.documentElement.lang.slice(0, 2)] || MESSAGES.fr;
  let uid = 0;

  function attrs(el, values) {
    for (const k in values) el.setAttribute(k, values[k]);
    return el;
  }
  const create = (tag, className, values) => attrs(Object.assign(document.createElement(tag), { className }), values);

  // (1) Place combobox (ARIA 1.2, list autocomplete, manual selection). The visible input sends
  // the typed text as "where"; choosing an option moves the name "where" to a hidden input holding
  // the option's value and renames the visible one "where_label". Typing again undoes this.
  class PlaceAutocomplete {
    constructor(input) {
      if (!input.id) input.id = 't-place-' + (++uid);
      this.input = input;
      this.endpoint = input.getAttribute('data-t-place-autocomplete') || '/api/v1/places';
      this.name = input.name || 'where';
      this.options = [];
      this.active = -1;
      this.seq = 0;

      const box = create('div', 't-combobox');
      input.parentNode.insertBefore(box, input);
      box.appendChild(input);
      this.list = create('ul', 't-combobox__listbox', { id: input.id + '-listbox', role: 'listbox', 'aria-label': text.list });
      this.list.hidden = true;
      this.status = create('div', 't-visually-hidden', { role: 'status' });
      this.hidden = create('input', '', { type: 'hidden', name: this.name });
      this.hidden.disabled = true;
      box.append(this.list, this.status, this.hidden);

      attrs(input, {
        role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': this.list.id, autocomplete: 'off'
      });
      const chosen = input.getAttribute('data-t-place-value');
      if (chosen && input.value) this.choose({ label: input.value, value: chosen });

      input.addEventListener('input', () => this.onInput());
      input.addEventListener('keydown', (e) => this.onKeydown(e));
      input.addEventListener('blur', () => this.close());
      // Keep the focus in the input when an option is clicked.
      this.list.addEventListener('mousedown', (e) => e.preventDefault());
      this.list.addEventListener('click', (e) => {
        const li = e.target.closest('[role="option"]');
        if (li) this.choose(this.options[li.getAttribute('data-index')]);
      });
    }

    onInput() {
      this.choose(null);
      clearTimeout(this.timer);
      const q = this.input.value.trim();
      if (q.length < 2) {
        this.abort();
        this.render([]);
      } else {
        this.timer = setTimeout(() => this.fetch(q), 150);
      }
    }

    abort() {
      if (this.controller) this.controller.abort();
      this.controller = null;
      return ++this.seq;
    }

    async fetch(q) {
      const seq = this.abort();
      const controller = window.AbortController ? new AbortController() : null;
      this.controller = controller;
      const url = this.endpoint + (this.endpoint.includes('?') ? '&' : '?') + 'q=' + encodeURIComponent(q) + '&limit=8';
      try {
        const response = await fetch(url, {
          headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: controller && controller.signal
        });
        const body = response.ok ? await response.json() : {};
        if (seq !== this.seq) return;
        // Which text the list answers (the tests wait for it: on a slow machine the list for the
        // first letters shows before the one for the whole text).
        this.list.setAttribute('data-suggested-for', q);
        this.render(Array.isArray(body.results) ? body.results : [], true);
      } catch (err) {
        // Aborted, offline or server error: the plain text field still works.
        if (seq === this.seq) this.render([]);
      }
    }

    render(results, announce) {
      this.options = results;
      this.close();
      this.list.textContent = '';
      results.forEach((r, i) => {
        const li = create('li', 't-combobox__option', {
          id: this.list.id + '-' + i, role: 'option', 'aria-selected': 'false', 'data-index': i
        });
        li.appendChild(create('span', 't-combobox__label')).textContent = r.label;
        const detail = [text[r.kind], r.detail].filter(Boolean).join(' · ');
        if (detail) li.appendChild(create('span', 't-combobox__detail')).textContent = detail;
        this.list.appendChild(li);
      });
      if (results.length && document.activeElement === this.input) this.open();
      if (!announce) return;
      const n = results.length;
      const message = n ? n + (n > 1 ? ' suggestions' : ' suggestion') : text.none;
      // Written in a later task so that a repeated message is announced again.
      this.status.textContent = '';
      clearTimeout(this.sayTimer);
      this.sayTimer = setTimeout(() => { this.status.textContent = message; }, 50);
    }

    open() {
      this.list.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
    }

    close() {
      this.highlight(-1);
      this.list.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
    }

    highlight(index) {
      const items = this.list.children;
      if (items[this.active]) items[this.active].setAttribute('aria-selected', 'false');
      this.active = index;
      const li = items[index];
      if (!li) {
        this.input.removeAttribute('aria-activedescendant');
        return;
      }
      li.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }

    onKeydown(e) {
      const n = this.options.length;
      const isOpen = !this.list.hidden;
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && n) {
        e.preventDefault();
        const down = e.key === 'ArrowDown';
        if (!isOpen) {
          this.open();
          this.highlight(down ? 0 : n - 1);
        } else {
          this.highlight(down ? (this.active + 1) % n : (this.active <= 0 ? n - 1 : this.active - 1));
        }
      } else if (e.key === 'Enter' && isOpen && this.active >= 0) {
        e.preventDefault();  // choose now; the next Enter submits
        this.choose(this.options[this.active]);
      } else if (e.key === 'Escape' && isOpen) {
        e.preventDefault();
        this.close();
      } else if (e.key === 'Tab') {
        this.close();
      }
    }

    // choose(null) goes back to plain text.
    choose(option) {
      this.hidden.disabled = !option;
      this.hidden.value = option ? option.value : '';
      this.input.name = option ? this.name + '_label' : this.name;
      if (!option) return;
      this.input.value = option.label;
      this.close();
    }
  }

  // (2) Error summary: takes the focus on load; its links focus the field, label in view. A link
  // to a group of choices (a fieldset, which takes no focus) focuses its chosen one, else its
  // first one.
  function initErrorSummary(box, index) {
    if (!box.hasAttribute('tabindex')) box.setAttribute('tabindex', '-1');
    if (index === 0) box.focus();
    box.addEventListener('click', (e) => {
      const link = e.target.closest('a[href^="#"]');
      const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      const group = target && target.matches('fieldset') ? target : null;
      const first = group && group.querySelector('input, select, textarea');
      const field = group ? group.querySelector('input:checked') || first : target;
      if (!field) return;
      e.preventDefault();
      const fieldset = group || field.closest('fieldset');
      const legend = fieldset && fieldset.querySelector('legend');
      const label = field.labels && field.labels[0];
      // A chosen one further down its group than the first shows with its own label.
      const shown = group && field !== first ? label : legend;
      (shown || label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // (3) The notice that says what the form just sent did (after its redirect): takes the focus on
  // load when there is no error summary, so that it is read first and the next Tab goes on from
  // it, not from the top of the page.
  function initNotice(notice) {
    if (!notice.hasAttribute('tabindex')) notice.setAttribute('tabindex', '-1');
    notice.focus();
  }

  // (4) Filters <details>: open on wide screens, closed on phones. The attribute's value is the
  // media query (62em by default); the state is only reset when the breakpoint is crossed.
  function initFilters(details) {
    const query = window.matchMedia(details.getAttribute('data-t-filters') || '(min-width: 62em)');
    const sync = () => { details.open = query.matches; };
    sync();
    if (query.addEventListener) query.addEventListener('change', sync);
    else query.addListener(sync);  // Safari < 14
  }

  const all = (selector) => Array.from(document.querySelectorAll(selector));
  if (window.fetch) all('input[data-t-place-autocomplete]').forEach((input) => new PlaceAutocomplete(input));
  const summaries = all('[data-t-error-summary]');
  summaries.forEach(initErrorSummary);
  if (!summaries.length) all('[data-t-notice]').slice(0, 1).forEach(initNotice);
  if (window.matchMedia) all('details[data-t-filters]').forEach(initFilters);
})();
