import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/db/queries/campaigns.js';
import { defaultCampaigns } from '../../src/domain/campaigns/default-campaigns.js';
import { buildPromptCard } from '../../src/lark/cards/prompt-card.js';
import { campaignSchema } from '../../src/model/campaign-definition.js';
import { findNodes } from '../helpers/card-tree.js';

/** A default campaign as the database row the card is built from. */
function campaign(code: string): Campaign {
  const definition = campaignSchema.parse(defaultCampaigns.find((c) => (c as { code: string }).code === code));
  return { id: 1, code, title: definition.title, audience: definition.audience, definition, active: true } as Campaign;
}

const card = (code: string) => buildPromptCard({ campaign: campaign(code), period: '2026-12', due: '2026-12-25 18:00', roundId: 7 });
const bodyText = (c: Record<string, unknown>) => (findNodes(c, (n) => n.tag === 'markdown')[0]!.content as string);
const placeholders = (c: Record<string, unknown>) =>
  findNodes(c, (n) => n.tag === 'input' && n.input_type === 'multiline_text').map((n) => ({ required: n.required, hint: (n.placeholder as { content: string }).content }));

describe('the prompt card copy', () => {
  it('a counts form says missing numbers count as 0; its optional note field says 选填', () => {
    const monthly = card('monthly-monitoring');
    expect(bodyText(monthly)).toContain('没有的数可以不写（按 0 计）');
    expect(placeholders(monthly)).toEqual([{ required: false, hint: expect.stringContaining('选填') }]);
  });

  it.each(['principal-monthly-plan', 'annual-report'])('a text-only campaign (%s) never mentions counts, and its required field never says 选填', (code) => {
    const c = card(code);
    expect(bodyText(c)).not.toContain('按 0 计');
    const hints = placeholders(c);
    expect(hints.length).toBeGreaterThan(0);
    for (const h of hints) {
      expect(h.required).toBe(true);
      expect(h.hint).not.toContain('选填');
      expect(h.hint).toContain('必填');
    }
  });
});
