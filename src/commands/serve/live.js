// kensho preview: reloads the page after each good rebuild and shows the errors of a
// broken save over the page. Served only by `kensho serve`; never part of a build.
(() => {
  'use strict';
  const me = document.currentScript;
  let generation = Number(new URL(me.src).searchParams.get('generation'));
  const overlayId = 'kensho-build-errors';

  function hide() {
    const old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function el(tag, props, text) {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function show(errors) {
    hide();
    if (!errors.length) return;
    const box = el('section', { id: overlayId, className: 'kensho-overlay', lang: 'ja' });
    box.setAttribute('role', 'alert');
    box.setAttribute('aria-labelledby', overlayId + '-title');
    box.append(el('h2', { id: overlayId + '-title' },
      `保存した内容にエラーがあります（${errors.length} 件）`));
    box.append(el('p', {},
      '最後に正しく作れたページを表示しています。直して保存すると、この表示は消えます。'));
    const list = el('ol');
    for (const e of errors) {
      const item = el('li');
      let where = e.file || 'content';
      if (e.line) where += `:${e.line}:${e.column}`;
      const head = el('p', { className: 'kensho-where' });
      head.append(el('code', {}, where));
      if (e.field) {
        head.append(' ');
        head.append(el('code', { className: 'kensho-field' }, `[${e.field}]`));
      }
      item.append(head);
      item.append(el('p', {}, e.message.ja));
      item.append(el('p', { lang: 'en', className: 'kensho-en' }, e.message.en));
      if (e.source) item.append(el('pre', {}, `${e.line ?? ''} | ${e.source}`));
      list.append(item);
    }
    box.append(list);
    // The guide every message names, served by the preview itself (no network needed).
    const guide = el('p');
    guide.append('書き方の説明: ');
    guide.append(el('a', { href: '/__kensho/docs/content-format.ja.html', target: '_blank' },
      'kensho コンテンツの書き方（新しいタブで開きます）'));
    box.append(guide);
    const close = el('button', { type: 'button' }, '閉じる');
    close.addEventListener('click', hide);
    box.append(close);
    document.body.prepend(box);
  }

  // The page's URL relative to the site root, as the server names pages.
  const here = decodeURIComponent(location.pathname).replace(/^\//, '').replace(/index\.html$/, '');
  // The server answers the first event for this page and build: whether the page
  // changed since it was served, whatever later builds changed.
  const source = new EventSource('/__kensho/events?' +
    new URLSearchParams({ page: here, generation: String(generation) }));
  source.addEventListener('status', (event) => {
    const status = JSON.parse(event.data);
    // Marks the page as connected (and to which build), for people and tests alike.
    document.documentElement.dataset.kenshoPreview = String(status.generation);
    const newer = status.generation !== generation;
    generation = status.generation;
    const mine = status.changed === null || status.changed.includes(here);
    if (newer && mine && !status.errors.length) {
      location.reload();
      return;
    }
    show(status.errors);
  });
})();
