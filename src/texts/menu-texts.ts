import type { Shown } from './shown.js';

/** What the bot's custom menu (1:1 only) answers beyond the commands it runs. */
export const menuTexts = {
  /** The menu's items, by event key, as the console names them. */
  itemNames: { fill: '填报', mine: '我的', progress: '进度', summary: '汇总', help: '帮助' } as Record<string, string>,
  unknownKey: (items: string[]) =>
    `这个菜单项暂时用不了，没有记录任何内容。菜单里您可以用：${items.join('、')}；也可以直接发文字给我，发「帮助」查看全部命令。`,
  /** 填报 with nothing open: when the person's next round opens. */
  nothingOpen: (title: Shown, period: string, opensAt: string) => `现在没有需要您填报的内容。下一期 ${period}「${title}」将于 ${opensAt} 开始，届时会通知您。`,
  /** 填报 when every open round is answered: what was sent, then how to correct it. */
  allAnswered: '本期需要您填报的都已填好，谢谢！如需修改，直接把新的内容发给我即可（以最后一次为准）。',
};
