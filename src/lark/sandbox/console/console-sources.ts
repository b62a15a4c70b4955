/**
 * What the console needs from the app, handed in by the entry (the sandbox reads no database):
 * the roster to act as, the outbox to show, and the moments worth jumping the clock to.
 */
export type ConsoleSources = {
  people(): Promise<ConsolePerson[]>;
  outbox(now: Date): Promise<ConsoleOutbox>;
  milestones(now: Date): Promise<{ label: string; at: Date }[]>;
  /** How instants read in the county (Asia/Shanghai): wall-clock parts, and the ISO form with the offset. */
  timezone: string;
};

export type ConsolePerson = { openId: string; name: string; role: string; chatId: string | null; school: string | null; town: string | null };

export type ConsoleOutboxRow = {
  id: number;
  kind: string;
  status: string;
  receiveId: string | null;
  replyTo: string | null;
  msgType: string;
  content: string;
  notBefore: Date;
  attempts: number;
  lastError: string | null;
};

export type ConsoleOutbox = {
  counts: { due: number; held: number; sending: number; sent: number; dead: number };
  waiting: ConsoleOutboxRow[];
  dead: ConsoleOutboxRow[];
};
