/**
 * The demo county (src/domain/roster/demo-county.ts) and the default campaigns
 * (src/domain/campaigns/default-campaigns.ts), as tests name them.
 */

/** The sixteen principals, ou_demo_p01 … ou_demo_p16, in order. */
export const PRINCIPALS = Array.from({ length: 16 }, (_, i) => `ou_demo_p${String(i + 1).padStart(2, '0')}`);

/** The sixteen school chats, oc_demo_school_01 … oc_demo_school_16, in order. */
export const SCHOOL_CHATS = Array.from({ length: 16 }, (_, i) => `oc_demo_school_${String(i + 1).padStart(2, '0')}`);

/** The title of the teachers' monthly check-in (the campaign monthly-monitoring). */
export const MONTHLY = '常态化动态预警监测';
