import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignSchema, type FormField } from '../../src/model/campaign-definition.js';
import { defaultCampaigns } from '../../src/domain/campaigns/default-campaigns.js';
import { answersFromText } from '../../src/domain/forms/form-answers.js';
import { MAX_COUNT, parseReply, type ReplyField } from '../../src/domain/forms/parse-reply.js';
import { normalizeText } from '../../src/domain/text/normalize-text.js';
import { isDomainError } from '../../src/errors.js';
import { checkInText, hugeString, oddString } from './arbitraries.js';

/**
 * The check-in text parser on random Chinese and mixed text: it never throws, and whatever it
 * reads is a value the form accepts. Deterministic (fixed seed); the seed and path of a failure
 * are printed by fast-check.
 */

const RUNS = Number(process.env.FUZZ_PARSER_RUNS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 5_20261129);

const forms: { code: string; fields: FormField[] }[] = defaultCampaigns.map((raw) => {
  const campaign = campaignSchema.parse(raw);
  return { code: campaign.code, fields: campaign.form.fields };
});

const replyFields = (fields: readonly FormField[]): ReplyField[] =>
  fields.flatMap((f): ReplyField[] =>
    f.type === 'count'
      ? [{ name: f.name, kind: 'count', labels: [f.label, ...f.synonyms] }]
      : f.type === 'text'
        ? [{ name: f.name, kind: 'text', labels: [f.label, ...f.synonyms] }]
        : [],
  );

const anyText = fc.oneof({ weight: 6, arbitrary: checkInText }, { weight: 2, arbitrary: oddString }, { weight: 1, arbitrary: hugeString(20_000) });

export const parserCounts = { inputs: 0 };

describe('the check-in parser on random text', () => {
  it.each(forms)('never throws on a reply to $code, and reads only acceptable values', ({ fields }) => {
    const reply = replyFields(fields);
    fc.assert(
      fc.property(anyText, (text) => {
        parserCounts.inputs++;
        const parsed = parseReply(text, reply);
        if (parsed === null) return;
        const names = new Set(reply.map((f) => f.name));
        for (const name of [...parsed.recognized, ...parsed.rejected.map((r) => r.name)]) expect(names.has(name)).toBe(true);
        expect(parsed.recognized.filter((n) => parsed.rejected.some((r) => r.name === n))).toEqual([]);
        for (const [name, value] of Object.entries(parsed.values)) {
          const field = reply.find((f) => f.name === name)!;
          if (field.kind === 'count') {
            expect(Number.isInteger(value)).toBe(true);
            expect(value as number).toBeGreaterThanOrEqual(0);
            expect(value as number).toBeLessThanOrEqual(MAX_COUNT);
          } else {
            expect(typeof value).toBe('string');
          }
        }
        // The same text always reads the same.
        expect(parseReply(text, reply)).toEqual(parsed);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it.each(forms)('turns a reply to $code into complete answers, or a refusal naming the field to fix — nothing else', ({ fields }) => {
    fc.assert(
      fc.property(anyText, (text) => {
        parserCounts.inputs++;
        let read: ReturnType<typeof answersFromText>;
        try {
          read = answersFromText(fields, normalizeText(text));
        } catch (error) {
          // The only acceptable failure is a refusal the person can act on.
          expect(isDomainError(error), String(error)).toBe(true);
          return;
        }
        if (read === null) return;
        // Exactly the fields the text names, each one of the form's (a reply changes only what it names).
        expect(Object.keys(read.answers).sort()).toEqual([...read.recognized].sort());
        for (const name of read.recognized) expect(fields.some((f) => f.name === name)).toBe(true);
        // Free text is taken whole or refused: never longer than its field allows, never cut.
        for (const f of fields) {
          const value = read.answers[f.name];
          if (f.type === 'text' && typeof value === 'string') expect([...value].length).toBeLessThanOrEqual(f.maxLength);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED + 1 },
    );
  });

  it('normalises any string without throwing, and normalising twice changes nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        parserCounts.inputs++;
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
  });

  it('reads a well-formed check-in in either script exactly, whatever noise surrounds it', () => {
    const monthly = replyFields(forms.find((f) => f.code === 'monthly-monitoring')!.fields);
    fc.assert(
      fc.property(
        fc.record({ v: fc.nat({ max: MAX_COUNT }), p: fc.nat({ max: MAX_COUNT }), a: fc.nat({ max: MAX_COUNT }) }),
        fc.boolean(),
        fc.constantFrom('', '老师好，', '本月情况：', '收到！'),
        fc.constantFrom('', '。', '，谢谢', ' 辛苦了'),
        ({ v, p, a }, traditional, before, after) => {
          parserCounts.inputs++;
          const text = traditional ? `${before}走訪${v}戶，電話隨訪${p}戶，新增預警${a}名${after}` : `${before}走访${v}户，电话随访${p}户，新增预警${a}人${after}`;
          expect(parseReply(text, monthly)?.values).toMatchObject({ home_visits: v, phone_followups: p, new_alerts: a });
        },
      ),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED + 3 },
    );
  });

  it('logs its count', () => {
    console.log(`parser fuzz: ${parserCounts.inputs} inputs, 0 throws`);
  });
});
