import type { Command } from './command.js';
import { dropoutAssignCommand } from './dropout-assign-command.js';
import { dropoutCommand } from './dropout-command.js';
import { dropoutPersuadeCommand } from './dropout-persuade-command.js';
import { dropoutStateCommand } from './dropout-state-command.js';

/** 控辍保学's commands, registered together (one line in command-registry.ts). */
export const dropoutCommands: readonly Command[] = [dropoutCommand, dropoutStateCommand, dropoutPersuadeCommand, dropoutAssignCommand];
