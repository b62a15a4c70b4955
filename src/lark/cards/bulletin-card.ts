import { LAGGING_SHARE, type Bulletin } from '../../domain/scoring/read-bulletin.js';
import { periodWords } from '../../domain/scoring/scoring-span.js';
import { bulletinTexts as t } from '../../texts/bulletin-texts.js';
import { basisWords, itemMark, round } from './score-basis.js';
import { escapeMarkdown } from './escape-markdown.js';
import { clampPage, pageButtonsRow, pageCount, SCHOOLS_PER_PAGE } from './summary-pager.js';

/** Schools named under 全部达标 before `等 N 所`, and lagging schools spelled out with their lacks. */
const MET_SHOWN = 30;
const LAGGING_SHOWN = 10;
/** Sub-items a lagging school's entry names: the three it lost most on. */
const LACKS_SHOWN = 3;

/** What a bulletin page button carries: the period read again, and the page. */
export type BulletinPageValue = { action: 'bulletin_page'; period: string; page: number };

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string) => ({ tag: 'markdown', content });

/**
 * 季通报 (JSON 2.0): the overview, the dropout register's movement, 全部达标, 落后约谈 with what
 * each lacks, then every school's score by 大项, twenty to a page. It goes to the bureau chat:
 * schools and counts only, never a child.
 */
export function buildBulletinCard(bulletin: Bulletin, o: { page?: number } = {}): Record<string, unknown> {
  const { framework, period, schools } = bulletin;
  const points = schools[0]?.points ?? framework.items.reduce((sum, i) => sum + i.points, 0);
  const title = t.title(periodWords(period.label));
  const met = bulletin.metEverything.slice(0, MET_SHOWN).map((s) => escapeMarkdown(s.school));
  // The bulletin goes to the bureau's group chat: an inspector's reason is free text and may name a
  // child, so it says the deductions without reasons (排名's 查看原因 and the files give them 1:1).
  const lagging = bulletin.lagging.slice(0, LAGGING_SHOWN).map(({ school, lacking }) =>
    [
      t.laggingSchool(escapeMarkdown(school.school), escapeMarkdown(school.town), school.score, school.points),
      ...lacking.slice(0, LACKS_SHOWN).map((sub) => t.lacking(escapeMarkdown(sub.code), escapeMarkdown(sub.name), round(sub.points - sub.score), basisWords(sub, { reasons: false }))),
    ].join('\n'),
  );
  const pages = pageCount(schools.length, SCHOOLS_PER_PAGE);
  const page = clampPage(o.page ?? 1, pages);
  const lines = schools
    .slice((page - 1) * SCHOOLS_PER_PAGE, page * SCHOOLS_PER_PAGE)
    .map((s) => t.schoolLine(escapeMarkdown(s.town), escapeMarkdown(s.school), s.score, s.items.map((item, i) => ({ mark: itemMark(i), score: item.score }))));
  const moreLagging = bulletin.lagging.length - lagging.length;
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: plain(title),
      subtitle: plain(t.subtitle(framework.title, framework.version, framework.isExample)),
      template: bulletin.lagging.length > 0 ? 'orange' : 'green',
    },
    body: {
      elements: [
        markdown([t.overview(schools.length, bulletin.average, points), t.counts(bulletin.metEverything.length, bulletin.lagging.length, Math.round(LAGGING_SHARE * 100))].join('\n')),
        markdown(t.dropouts(bulletin.dropouts)),
        { tag: 'hr' },
        markdown(`${t.metHeading}\n${met.length > 0 ? t.metList(met, bulletin.metEverything.length - met.length) : t.metNone}`),
        markdown(
          [t.laggingHeading, ...(lagging.length > 0 ? lagging : [t.laggingNone]), ...(moreLagging > 0 ? [t.laggingMore(moreLagging, period.label.replace('-', ''))] : [])].join('\n'),
        ),
        { tag: 'hr' },
        markdown(
          [t.scoresHeading, t.legend(framework.items.map((item, i) => ({ mark: itemMark(i), name: escapeMarkdown(item.name), points: item.points }))), ...(lines.length > 0 ? lines : [t.noSchools])].join(
            '\n',
          ),
        ),
        ...(pages > 1 ? [pageButtonsRow((p): BulletinPageValue => ({ action: 'bulletin_page', period: period.label, page: p }), page, pages)] : []),
        { tag: 'markdown', content: t.rules, text_size: 'notation' },
      ],
    },
  };
}

/** What the scheduled bulletin is drawn with (jobs hand it to the domain). */
export const bulletinPresenter = { bulletinCard: (bulletin: Bulletin) => buildBulletinCard(bulletin) };
