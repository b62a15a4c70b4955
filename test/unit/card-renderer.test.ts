import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VISIT_FORM_FIELDS } from '../../src/domain/visits/visit-from-form.js';
import { escapeMarkdown } from '../../src/lark/cards/escape-markdown.js';
import { buildVisitFormCard } from '../../src/lark/cards/visit-form-card.js';
import { renderCard } from '../../src/lark/sandbox/console/card-view.js';
import { cardCatalogue } from '../fixtures/card-catalogue.js';
import { findNodes } from '../helpers/card-tree.js';

/**
 * The sandbox console draws every card Ducha sends as Lark would: no component left unknown,
 * every button's callback and every form control's name carried into the page, people's words
 * shown as typed. A new card builder must come with a catalogue entry (test/fixtures/card-catalogue.ts).
 */

type Tag = { name: string; attrs: Record<string, string> };
const TAG = /<([a-z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTR = /([\w-]+)(?:="([^"]*)")?/g;
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The start tags of the renderer's own output (always `name="value"`, escaped), in order. */
const tagsOf = (html: string): Tag[] =>
  [...html.matchAll(TAG)].map((m) => ({ name: m[1]!, attrs: Object.fromEntries([...(m[2] ?? '').matchAll(ATTR)].map((a) => [a[1]!, unescapeHtml(a[2] ?? '')])) }));
/** What a reader sees: the text without the tags. */
const textOf = (html: string) => unescapeHtml(html.replace(/<[^>]*>/g, ''));
const sorted = (values: string[]) => [...values].sort();

describe('every card Ducha sends draws in the console', () => {
  it.each(cardCatalogue.map((c) => [`${c.builder}: ${c.name}`, c.card] as const))('%s', (_, card) => {
    const { html, unknownTags } = renderCard(card);
    expect(unknownTags).toEqual([]);
    expect(html).toMatch(/^<div class="lk-card">/);
    const tags = tagsOf(html);
    // Each button keeps the value it sends back, and each form control the name its answer is filed under.
    const values = findNodes(card, (n) => n.type === 'callback').map((n) => JSON.stringify(n.value));
    expect(sorted(tags.flatMap((t) => (t.attrs['data-callback'] === undefined ? [] : [t.attrs['data-callback']])))).toEqual(sorted(values));
    const specs = findNodes(card, (n) => n.tag === 'chart').map((n) => JSON.stringify(n.chart_spec));
    expect(tags.flatMap((t) => (t.attrs['data-chart-spec'] === undefined ? [] : [t.attrs['data-chart-spec']]))).toEqual(specs);
    const names = findNodes(card, (n) => ['input', 'select_static', 'multi_select_static', 'date_picker'].includes(String(n.tag))).map((n) => n.name);
    expect(sorted(tags.filter((t) => ['input', 'textarea', 'select'].includes(t.name)).map((t) => t.attrs.name!))).toEqual(sorted(names as string[]));
  });
});

describe('the catalogue has every card builder', () => {
  const CARDS = path.resolve(import.meta.dirname, '../../src/lark/cards');
  /** Exported builders of a whole card that is no message of its own. */
  const NOT_MESSAGES: Record<string, string> = { frameSummaryCard: 'the frame buildSummaryCard and buildPrincipalSummaryCard draw their body in' };

  it('every exported function named …Card, and every presenter’s own …Card method, has an entry', async () => {
    const modules = await Promise.all(
      readdirSync(CARDS)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => import(path.join(CARDS, f)) as Promise<Record<string, unknown>>),
    );
    const exported = modules.flatMap((m) => Object.entries(m));
    const builders = exported.filter(([name, v]) => typeof v === 'function' && name.endsWith('Card'));
    const isBuilder = new Set(builders.map(([, f]) => f));
    // A presenter's method that is a builder itself (larkPresenter.promptCard) is covered by the builder's entries.
    const methods = exported.flatMap(([name, v]) =>
      v && typeof v === 'object' ? Object.entries(v).filter(([m, f]) => typeof f === 'function' && m.endsWith('Card') && !isBuilder.has(f)).map(([m]) => `${name}.${m}`) : [],
    );
    const wanted = [...builders.map(([name]) => name), ...methods].filter((name) => !(name in NOT_MESSAGES));
    expect(wanted.length).toBeGreaterThan(30);
    const listed = new Set(cardCatalogue.map((c) => c.builder));
    expect(wanted.filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !wanted.includes(name))).toEqual([]);
    for (const name of Object.keys(NOT_MESSAGES)) expect(builders.map(([n]) => n)).toContain(name);
  });
});

const card = (...elements: unknown[]) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: '测试' }, template: 'blue' }, body: { elements } });

describe('what a person sees in the console', () => {
  it('the visit form: each control under its name, the submit button carrying the form’s callback', () => {
    const visitForm = buildVisitFormCard({ openId: 'ou_t1', today: '2026-12-03' });
    const { html } = renderCard(visitForm);
    const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
    expect(tagsOf(form)[0]).toEqual({ name: 'form', attrs: { class: 'lk-form', 'data-form-name': 'visit_form' } });
    const controls = tagsOf(form).filter((t) => ['input', 'textarea', 'select'].includes(t.name));
    expect(sorted(controls.map((t) => t.attrs.name!))).toEqual(sorted(Object.values(VISIT_FORM_FIELDS)));
    expect(controls.find((t) => t.attrs.name === VISIT_FORM_FIELDS.student)).toMatchObject({ name: 'input', attrs: { type: 'text', required: '', maxlength: '20' } });
    expect(controls.find((t) => t.attrs.name === VISIT_FORM_FIELDS.findings)).toMatchObject({ name: 'textarea', attrs: { required: '', maxlength: '500' } });
    expect(controls.find((t) => t.attrs.name === VISIT_FORM_FIELDS.risks)).toMatchObject({ name: 'select', attrs: { multiple: '' } });
    expect(controls.find((t) => t.attrs.name === VISIT_FORM_FIELDS.visitedOn)).toMatchObject({ name: 'input', attrs: { type: 'date', value: '2026-12-03' } });
    expect(form).toMatch(/<option value="home" selected="">入户<\/option>/);
    const submit = tagsOf(form).find((t) => t.name === 'button')!;
    expect(submit.attrs.type).toBe('submit');
    expect(JSON.parse(submit.attrs['data-callback']!)).toEqual({ action: 'visit_form', open_id: 'ou_t1' });
  });

  it('a chart carries its VChart spec, its ratio and its colour theme', () => {
    const spec = { type: 'bar', data: [{ id: 'completion', values: [{ name: '横渠镇', rate: 80 }] }], xField: 'name', yField: 'rate' };
    const { html } = renderCard(card({ tag: 'chart', aspect_ratio: '4:3', color_theme: 'brand', chart_spec: spec }, { tag: 'chart', chart_spec: spec }));
    const charts = tagsOf(html).filter((t) => t.attrs.class === 'lk-chart');
    expect(charts.map((c) => JSON.parse(c.attrs['data-chart-spec']!))).toEqual([spec, spec]);
    expect(charts.map((c) => [c.attrs.style, c.attrs['data-color-theme']])).toEqual([
      ['aspect-ratio: 4 / 3', 'brand'],
      ['aspect-ratio: 16 / 9', 'brand'],
    ]);
  });

  it('markdown: bold, colour, mentions and links drawn; escaped words shown literally, never as markup', () => {
    const content = [
      `**粗体** <font color='red'>红字</font> ~~删除~~ *斜体*`,
      `<at id=ou_t1></at> <at id=all></at> <at user_id="ou_t9">赵丽</at>`,
      `[开放平台](https://open.feishu.cn) [别点](javascript:void) [也别点](ftp://x.example)`,
      `学生：${escapeMarkdown('**x** <at id=all></at> [y](https://z.example)')}`,
      `- 第一项\n1. 第一步`,
    ].join('\n');
    const { html } = renderCard(card({ tag: 'markdown', content }), { nameOf: (id) => (id === 'ou_t1' ? '王建华' : undefined) });
    expect(html).toContain('<strong>粗体</strong>');
    expect(html).toContain('<span class="lk-c--red">红字</span>');
    expect(html).toContain('<del>删除</del>');
    expect(html).toContain('<em>斜体</em>');
    expect(html).toContain('<span class="lk-at" data-id="ou_t1">@王建华</span>');
    expect(html).toContain('<span class="lk-at lk-at--all" data-id="all">@所有人</span>');
    expect(html).toContain('<span class="lk-at" data-id="ou_t9">@赵丽</span>');
    expect(html).toContain('<a class="lk-link" href="https://open.feishu.cn" target="_blank" rel="noopener">开放平台</a>');
    // Only http(s) links are followed; another scheme shows its words alone.
    expect(tagsOf(html).filter((t) => t.name === 'a').map((t) => t.attrs.href)).toEqual(['https://open.feishu.cn']);
    expect(textOf(html)).toContain('开放平台 别点 也别点');
    expect(textOf(html)).toContain('学生：**x** <at id=all></at> [y](https://z.example)');
    expect(tagsOf(html).filter((t) => t.name === 'strong' || t.name === 'a')).toHaveLength(2);
    expect(html).toContain('<div class="lk-md__li lk-md__li--bullet lk-md__li--l0">第一项</div>');
    expect(html).toContain('<span class="lk-md__num">1.</span>第一步');
  });

  it('a <script> anywhere in a card is text, never markup', () => {
    const evil = '<script>alert(1)</script>';
    const text = { tag: 'plain_text', content: evil };
    const { html } = renderCard({
      schema: '2.0',
      header: { title: text, subtitle: { tag: 'lark_md', content: evil }, template: `blue"><script>` },
      body: {
        elements: [
          { tag: 'markdown', content: `${evil} <font color='red"><script>'>x</font> <a href='https://x.example/"><script>'>y</a>` },
          text,
          { tag: 'button', text, behaviors: [{ type: 'callback', value: { v: evil } }] },
          { tag: 'form', name: evil, elements: [{ tag: 'input', name: evil, placeholder: text, default_value: evil }, { tag: 'select_static', name: 'a', options: [{ text, value: evil }] }] },
          { tag: 'img', img_key: evil, alt: text },
          { tag: 'table', columns: [{ name: 'c', display_name: evil, data_type: 'lark_md' }], rows: [{ c: evil }] },
          { tag: evil },
        ],
      },
    });
    expect(html).not.toMatch(/<script/i);
    expect(textOf(html)).toContain(evil);
  });

  it('a component the console cannot draw is named and shown as a box; so is a behaviour it cannot follow', () => {
    const { html, unknownTags } = renderCard(
      card(
        { tag: 'person_list', persons: [{ id: 'ou_t1' }] },
        { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'audio', file_key: 'f' }, { tag: 'person_list' }] }] },
        { tag: 'button', text: { tag: 'plain_text', content: '去看看' }, behaviors: [{ type: 'open_app' }] },
        // JSON 2.0 has no bare plain_text element (text is a `div`); Lark refuses a card with one.
        { tag: 'plain_text', content: '裸文本' },
        { tag: 'markdown', content: '其余照常' },
      ),
    );
    expect(unknownTags).toEqual(['person_list', 'audio', 'behaviors:open_app', 'plain_text']);
    expect(html).toContain('<div class="lk-unknown">无法显示的组件：person_list</div>');
    expect(html).toContain('<div class="lk-unknown">无法显示的组件：audio</div>');
    expect(textOf(html)).toContain('其余照常');
  });

  it('buttons: a callback, a link, disabled, and 1.0’s value on the button', () => {
    const { html } = renderCard(
      card(
        { tag: 'button', text: { tag: 'plain_text', content: '通过' }, type: 'primary_filled', behaviors: [{ type: 'callback', value: { action: 'x' } }] },
        { tag: 'button', text: { tag: 'plain_text', content: '文档' }, behaviors: [{ type: 'open_url', default_url: 'https://open.feishu.cn' }] },
        { tag: 'button', text: { tag: 'plain_text', content: '上一页' }, disabled: true, behaviors: [{ type: 'callback', value: { page: 0 } }] },
        { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '旧' }, value: { old: true } }] },
      ),
    );
    expect(html).toContain('<button type="button" data-callback="{&quot;action&quot;:&quot;x&quot;}" class="lk-btn lk-btn--primary_filled">通过</button>');
    expect(html).toContain('<a href="https://open.feishu.cn" target="_blank" rel="noopener" class="lk-btn lk-btn--default">文档</a>');
    expect(tagsOf(html).find((t) => t.attrs['data-callback'] === '{"page":0}')?.attrs.disabled).toBe('');
    expect(tagsOf(html).find((t) => t.attrs['data-callback'] === '{"old":true}')?.name).toBe('button');
  });
});
