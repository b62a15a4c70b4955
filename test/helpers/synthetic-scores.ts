import type { Framework } from '../../src/db/queries/frameworks.js';
import { defaultFramework } from '../../src/domain/framework/default-framework.js';
import type { PeriodScores, SchoolScore } from '../../src/domain/scoring/score-schools.js';
import { scoringPeriod } from '../../src/domain/scoring/scoring-span.js';

/** The default standard as stored (ids made up), so the bulletin reads as it would from the database. */
function framework(): Framework {
  const definition = defaultFramework();
  let id = 0;
  return {
    id: 1,
    version: definition.version,
    title: definition.title,
    isExample: true,
    active: true,
    loadedAt: new Date('2026-01-01T00:00:00Z'),
    items: definition.items.map((item, position) => ({
      id: ++id,
      position,
      name: item.name,
      points: item.points,
      subItems: item.subItems.map((sub, subPosition) => ({ ...sub, id: ++id, itemId: id, position: subPosition, guidance: null }) as Framework['items'][number]['subItems'][number]),
    })),
  };
}

/** `count` schools with long names in towns of three; school i loses (i mod 7) × 1.5 points on evidence and a little on inspection. */
export function syntheticScores(count: number): PeriodScores {
  const f = framework();
  const schools: SchoolScore[] = Array.from({ length: count }, (_, i) => {
    const items = f.items.map((item) => {
      const subItems = item.subItems.map((sub) => {
        const lost = sub.scoring === 'evidence' ? Math.min(sub.points, (i % 7) * 1.5) : sub.scoring === 'inspection' && i % 3 === 0 ? 1 : 0;
        const score = sub.points - lost;
        const basis =
          sub.scoring === 'evidence'
            ? { way: 'evidence' as const, accepted: lost > 0 ? 0 : 1, pending: 0, rejected: 0 }
            : sub.scoring === 'inspection'
              ? { way: 'inspection' as const, inspections: 1, deductions: lost > 0 ? [{ schoolId: i, period: '2026-11', code: sub.code, score, points: sub.points, reason: '劝返记录不全，台账缺三月至五月的记录', remedy: null }] : [] }
              : { way: 'data' as const, figure: { formula: sub.formula!, done: 1, owed: 1 } };
        return { code: sub.code, name: sub.name, points: sub.points, score, basis };
      });
      return { name: item.name, points: item.points, score: subItems.reduce((s, x) => s + x.score, 0), subItems };
    });
    const total = Math.round(items.reduce((s, x) => s + x.score * 10, 0)) / 10;
    return { schoolId: i + 1, school: `第${i + 1}号乡村振兴示范学校九年一贯制`, townId: Math.floor(i / 3) + 1, town: `第${Math.floor(i / 3) + 1}镇街道办事处`, score: total, points: 100, items };
  });
  return { framework: f, period: scoringPeriod('2026-Q4', 'Asia/Shanghai'), schools };
}
