import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { playFault, takeFault } from './fault-plan.js';
import type { SandboxState, SandboxUser } from './sandbox-state.js';

/** Lark's limit per call: at most 50 mobiles and 50 emails ("最大长度 50"). */
const MAX_PER_LIST = 50;

const usersBody = z.object({
  users: z
    .array(
      z.object({
        open_id: z.string().min(1),
        mobile: z.string().min(1).optional(),
        email: z.string().min(1).optional(),
        /** False: the person is in the tenant but outside the app's availability, so Lark shows the app no id. */
        in_scope: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(10_000),
});

const fieldValidationFailed = (c: Context, why: string) => c.json({ code: 99992402, msg: `field validation failed: ${why}`, error: { log_id: 'sandbox' } }, 400);

/** A mainland number with or without +86, as Lark's directory matches it; any other as given, with its +. */
const mobileKey = (mobile: string) => {
  const compact = mobile.replace(/[\s-]/g, '');
  return /^\+861\d{10}$/.test(compact) ? compact.slice(3) : compact;
};

/**
 * contact/v3/users/batch_get_id over the sandbox's tenant (state.users), answering as Lark does:
 * one entry per mobile and per email asked, with `user_id` only for a person in the tenant and in
 * the app's availability; and POST /sandbox/users, by which tests and demos add people to it.
 */
export function addContactRoutes(api: Hono, state: SandboxState): void {
  api.post('/open-apis/contact/v3/users/batch_get_id', async (c) => {
    const fault = takeFault(state.faults, { receiveId: null, chatId: '', uuid: null, api: 'contact' });
    const refused = fault ? await playFault(c, fault) : undefined;
    if (refused) return refused;
    // The sandbox's people have open_ids only.
    if ((c.req.query('user_id_type') ?? 'open_id') !== 'open_id') return fieldValidationFailed(c, 'user_id_type: the sandbox knows open_id only');
    const body = await c.req.json().catch(() => undefined);
    const mobiles: unknown = body?.mobiles ?? [];
    const emails: unknown = body?.emails ?? [];
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!strings(mobiles) || !strings(emails)) return fieldValidationFailed(c, 'mobiles and emails are lists of strings');
    if (mobiles.length > MAX_PER_LIST || emails.length > MAX_PER_LIST) return fieldValidationFailed(c, `at most ${MAX_PER_LIST} mobiles and ${MAX_PER_LIST} emails`);
    state.contactRequests.push({ mobiles: mobiles.length, emails: emails.length });

    const visible = [...state.users.values()].filter((u) => u.in_scope);
    const found = (user: SandboxUser | undefined) =>
      user ? { user_id: user.open_id, status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false } } : {};
    const user_list = [
      ...mobiles.map((mobile) => ({ mobile, ...found(visible.find((u) => u.mobile !== null && mobileKey(u.mobile) === mobileKey(mobile))) })),
      ...emails.map((email) => ({ email, ...found(visible.find((u) => u.email !== null && u.email.toLowerCase() === email.toLowerCase())) })),
    ];
    return c.json({ code: 0, msg: 'success', data: { user_list } });
  });

  api.post('/sandbox/users', async (c) => {
    const parsed = usersBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {users: [{open_id, mobile?, email?, in_scope?}]}' }, 400);
    state.addUsers(parsed.data.users.map((u) => ({ open_id: u.open_id, mobile: u.mobile ?? null, email: u.email ?? null, in_scope: u.in_scope ?? true })));
    return c.json({ users: state.users.size });
  });
}
