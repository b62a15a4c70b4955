// Normalisation for free-text chat replies, so parsers only ever see one spelling of each thing.

// Traditional → Simplified pairs for the words teachers use in check-in replies. Only characters
// whose Traditional form never appears in Simplified text are listed, so the map is safe to apply
// blindly; a full converter (OpenCC) would be a dependency for little gain.
const TRADITIONAL_PAIRS = `
  訪访 電电 話话 隨随 預预 註注 備备 戶户 個个 兩两 彙汇 匯汇 總总 幫帮 報报 無无 沒没
  學学 問问 題题 為为 爲为 與与 項项 數数 應应 該该 這这 們们 實实 際际 況况 讓让 說说
  請请 對对 還还 後后 來来 時时 間间 發发 現现 記记 錄录 聯联 係系 繫系 鄉乡 鎮镇 區区
  縣县 長长 師师 導导 據据 號号 碼码 計计 統统 狀状 態态 經经 過过 課课 業业 讀读 書书
  寫写 練练 習习 級级 園园 點点 歲岁 齡龄 親亲 屬属 監监 護护 託托 輟辍 復复 複复 歸归
  異异 難难 貧贫 殘残 醫医 療疗 診诊 藥药 隊队 員员 組组 織织 檢检 確确 認认 給给 線线
  網网 絡络 機机 構构 關关 務务 單单 條条 議议 會会 參参 東东 車车 門门 開开 內内 動动
  轉转 達达 邊边 遠远 將将 從从 麼么 當当 嗎吗 謝谢 辦办 處处 見见 視视 覺觉 聽听 許许
  訊讯 識识 試试 詢询 語语 談谈 調调 論论 證证 協协 幾几 歡欢 樂乐 氣气 節节 週周 兒儿
  離离 雙双 爺爷 媽妈 帶带 養养 顧顾 費费 補补 貼贴 資资 類类 結结 續续 斷断 紀纪 責责
  負负 擔担 義义 規规 範范 標标 準准 體体 質质 營营 衛卫 綜综 評评 價价 測测 驗验 頭头
  腦脑 傳传 輔辅 緒绪 壓压 憂忧 鬱郁 傷伤 險险 違违 錯错 誤误 遺遗 約约 莊庄 鄰邻 遷迁
  進进 樓楼 層层 塊块 幹干 黨党 執执 領领 馬马 鐘钟 並并 於于 僅仅 盡尽 啟启 則则 樣样
  種种 裏里 裡里 雖虽 暫暂 繼继 嚴严 輕轻 緊紧 穩稳 變变 亂乱 壞坏 舊旧 優优 歷历 億亿
  萬万 廣广 飯饭 飲饮 講讲 獎奖 勵励 閱阅 聲声 團团 勞劳 剛刚 齊齐 別别 錢钱 買买 賣卖
  禮礼 誰谁 陸陆 陳陈 張张 劉刘 楊杨 趙赵 黃黄 吳吴 鄭郑 孫孙 馮冯 蕭萧 葉叶 羅罗 鄧邓
  韓韩 蘇苏 盧卢 蔣蒋 賈贾 龍龙 劃划 風风 頻频 歐欧 陽阳 審审 檔档
`;

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  TRADITIONAL_PAIRS.trim()
    .split(/\s+/)
    .map((pair) => [pair.charAt(0), pair.charAt(1)] as const),
);

const TRADITIONAL_CHAR = new RegExp(`[${[...TRADITIONAL_TO_SIMPLIFIED.keys()].join('')}]`, 'g');

// Lark puts these placeholders where an @-mention was; they carry no meaning for parsing.
const LARK_MENTION = /@_user_\d+|@_all/g;

export function toSimplified(s: string): string {
  return s.replace(TRADITIONAL_CHAR, (c) => TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c);
}

/**
 * Text that went through normalizeText once: the chat normalises a message when it arrives, and
 * every parser after it takes this type rather than normalising again.
 */
export type NormalizedText = string & { readonly normalized: unique symbol };

export function normalizeText(s: string): NormalizedText {
  // NFKC folds full-width ASCII (５ ： ， Ａ) and the ideographic space to plain ASCII, and
  // compatibility ideographs to their ordinary form; lone surrogates pass through untouched.
  return toSimplified(s.normalize('NFKC'))
    .replace(LARK_MENTION, ' ')
    .replace(/\s+/g, ' ')
    .trim() as NormalizedText;
}

/**
 * The end of `written` that normalises to `suffix`, as the person wrote it (line breaks, full-width
 * punctuation, their script), or undefined when no end of it does. A note or report is read on the
 * normalised text but kept as written. Normalising a shorter end never gives a longer text, so the
 * start is found by bisection.
 */
export function writtenSuffix(written: string, suffix: string): string | undefined {
  const clean = written.replace(LARK_MENTION, ' ');
  const lengthFrom = (start: number) => normalizeText(clean.slice(start)).length;
  let lo = 0;
  let hi = clean.length;
  // The largest start whose normalised end is still at least as long as the suffix.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (lengthFrom(mid) >= suffix.length) lo = mid;
    else hi = mid - 1;
  }
  const found = clean.slice(lo).trim();
  return normalizeText(found) === suffix ? found : undefined;
}
