/** The console page's own look (cards have theirs in card-styles): Lark's colours, three panes, one at a time on a phone. */
export const consoleStyles = `
*{box-sizing:border-box}
[hidden]{display:none !important}
html,body{height:100%;margin:0}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","Helvetica Neue",Arial,sans-serif;color:#1f2329;background:#f5f6f7;display:flex;flex-direction:column}
button{font:inherit;cursor:pointer}
.topbar{display:flex;align-items:center;gap:16px;padding:10px 16px;background:#fff;border-bottom:1px solid #dee0e3}
.topbar__brand{display:flex;flex-direction:column;min-width:0}
.topbar__brand strong{font-size:16px}
.topbar__brand span{font-size:12px;color:#646a73}
.actor{margin-left:auto;display:flex;align-items:center;gap:8px;border:1px solid #dee0e3;background:#fff;border-radius:18px;padding:4px 12px;max-width:50%}
.actor:hover{border-color:#3370ff}
.actor__label{color:#646a73;font-size:12px}
.actor__name{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.topbar__clock{font-variant-numeric:tabular-nums;color:#1f2329;background:#f0f4ff;border-radius:6px;padding:4px 8px;white-space:nowrap}
body.is-live .topbar__clock::before{content:"● ";color:#34c724}
.tabs{display:none}
.layout{flex:1;display:grid;grid-template-columns:280px minmax(0,1fr) 320px;min-height:0}
.pane{min-height:0;overflow:auto}
.pane--chats{background:#fff;border-right:1px solid #dee0e3;padding:12px 8px}
.pane--chat{display:flex;flex-direction:column;background:#f2f3f5}
.pane--side{background:#fff;border-left:1px solid #dee0e3;padding:12px}
.search{width:100%;padding:7px 10px;border:1px solid #dee0e3;border-radius:6px;font:inherit;background:#f5f6f7}
.search:focus{outline:none;border-color:#3370ff;background:#fff}
.chats h3{font-size:12px;color:#8f959e;font-weight:500;margin:14px 8px 4px}
.chats ul,.people__list,.milestones,.outbox__rows{list-style:none;margin:0;padding:0}
.chats__item{display:grid;grid-template-columns:1fr auto;gap:0 8px;padding:8px;border-radius:6px;color:inherit;text-decoration:none}
.chats__item:hover{background:#f2f3f5}
.chats__item.is-active{background:#e1eaff}
.chats__title{font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chats__subtitle{grid-column:1;font-size:12px;color:#8f959e;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chats__more{font-size:12px;color:#8f959e;padding:4px 8px}
.chats__badge{grid-row:1/3;grid-column:2;align-self:center;min-width:18px;height:18px;border-radius:9px;background:#f54a45;color:#fff;font-size:11px;text-align:center;line-height:18px;padding:0 5px}
#chat{flex:1;min-height:0;display:flex;flex-direction:column}
.chat{flex:1;min-height:0;display:flex;flex-direction:column}
.chat__header{padding:10px 16px;background:#fff;border-bottom:1px solid #dee0e3;display:flex;align-items:center;justify-content:space-between;gap:8px}
.chat__remove-bot{border:0;background:none;color:#8f959e;font-size:12px}
.chat__remove-bot:hover{color:#f54a45}
.new-group{margin:8px 0 0;font-size:13px}
.new-group summary{cursor:pointer;color:#3370ff;padding:4px 8px;list-style:none}
.new-group form{display:flex;gap:6px;padding:6px 0}
.chat__header h2{font-size:16px;margin:0}
.chat__header p{margin:0;font-size:12px;color:#8f959e}
.chat__messages{flex:1;overflow:auto;padding:16px}
.chat__empty{color:#8f959e;text-align:center;margin:48px 16px}
.thread{margin-bottom:16px}
.thread__replies{margin:4px 0 0 44px;padding-left:12px;border-left:2px solid #dee0e3}
.thread__replies .msg{margin-top:8px}
.msg{display:flex;gap:10px;align-items:flex-start;max-width:100%}
.msg__avatar{flex:none;width:34px;height:34px;border-radius:50%;background:#8f959e;color:#fff;font-size:12px;display:flex;align-items:center;justify-content:center}
.msg--bot .msg__avatar{background:#3370ff;font-size:15px;font-weight:600}
.msg--mine{flex-direction:row-reverse}
.msg--mine .msg__meta{justify-content:flex-end}
.msg--mine .msg__text{background:#cce0ff}
.msg__main{min-width:0;max-width:min(560px,100%)}
.msg__meta{display:flex;gap:6px;align-items:baseline;font-size:12px;color:#8f959e;margin-bottom:3px;flex-wrap:wrap}
.msg__name{color:#646a73}
.msg__role{background:#eff0f1;border-radius:4px;padding:0 4px}
.msg__updated{color:#3370ff}
.msg__text{margin:0;background:#fff;border-radius:8px;padding:8px 12px;white-space:pre-wrap;word-break:break-word;display:inline-block;max-width:100%}
.mention{color:#3370ff}
.msg__file{display:flex;align-items:center;gap:10px;background:#fff;border:1px solid #dee0e3;border-radius:8px;padding:10px 12px;color:inherit;text-decoration:none;max-width:360px}
.msg__file-icon{background:#34c724;color:#fff;border-radius:4px;font-size:11px;font-weight:700;padding:6px 4px}
.msg__file-action{margin-left:auto;color:#3370ff;font-size:12px}
.msg__image{max-width:240px;max-height:240px;border-radius:8px;display:block;background:#fff}
.msg__post{background:#fff;border-radius:8px;padding:8px}
.msg__card{width:min(520px,calc(100vw - 80px))}
.bot-menu{display:flex;gap:6px;padding:8px 12px 0;background:#fff;border-top:1px solid #dee0e3;overflow-x:auto}
.bot-menu button{border:1px solid #dee0e3;background:#f5f6f7;border-radius:14px;padding:3px 12px;color:#1f2329;white-space:nowrap}
.bot-menu button:hover{border-color:#3370ff;color:#3370ff}
.bot-menu:not([hidden])+.composer{border-top:0}
.composer{display:flex;gap:8px;align-items:center;padding:10px 12px;background:#fff;border-top:1px solid #dee0e3}
.composer__text{flex:1;min-width:0;padding:9px 12px;border:1px solid #dee0e3;border-radius:6px;font:inherit}
.composer__text:focus{outline:none;border-color:#3370ff}
.composer__attach{width:34px;height:34px;border-radius:50%;border:1px solid #dee0e3;display:flex;align-items:center;justify-content:center;cursor:pointer;color:#646a73;font-size:18px}
.composer__send{background:#3370ff;color:#fff;border:0;border-radius:6px;padding:8px 16px}
.panel{margin-bottom:20px}
.panel h3{font-size:15px;margin:0 0 8px}
.panel h4{font-size:12px;color:#8f959e;font-weight:500;margin:12px 0 4px}
.clock__now strong{font-variant-numeric:tabular-nums}
.clock__jump{display:flex;flex-direction:column;gap:8px}
.clock__jump label{display:flex;flex-direction:column;gap:4px;font-size:12px;color:#646a73}
.clock__jump input{padding:6px 8px;border:1px solid #dee0e3;border-radius:6px;font:inherit}
.milestones button{display:flex;justify-content:space-between;gap:8px;width:100%;background:none;border:0;border-radius:6px;padding:6px 8px;text-align:left}
.milestones button:hover{background:#f0f4ff}
.milestones button.is-past{color:#8f959e}
.milestones time{font-size:12px;color:#646a73;font-variant-numeric:tabular-nums;white-space:nowrap}
.outbox__counts{display:grid;grid-template-columns:repeat(5,1fr);gap:4px;margin:0}
.outbox__count{background:#f5f6f7;border-radius:6px;padding:6px 4px;text-align:center}
.outbox__count dt{font-size:11px;color:#646a73}
.outbox__count dd{margin:0;font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}
.outbox__count--dead dd{color:#f54a45}
.outbox__count--held dd{color:#ff8800}
.outbox__empty{color:#8f959e;font-size:12px}
.outbox__row{border-bottom:1px solid #eff0f1;padding:6px 0;display:flex;flex-direction:column;font-size:12px}
.outbox__kind{color:#8f959e}
.outbox__why{color:#ff8800}
.outbox__row--dead .outbox__why{color:#f54a45}
.people{border:0;border-radius:10px;padding:0;width:min(480px,94vw);max-height:80vh;box-shadow:0 8px 30px rgba(0,0,0,.2)}
.people::backdrop{background:rgba(0,0,0,.3)}
.people__head{display:flex;gap:8px;padding:12px;position:sticky;top:0;background:#fff;border-bottom:1px solid #eff0f1}
.people__close{border:0;background:none;font-size:20px;color:#646a73}
.people__list{padding:6px}
.people__list button{display:grid;grid-template-columns:auto auto 1fr;gap:8px;align-items:center;width:100%;text-align:left;border:0;background:none;padding:8px;border-radius:6px}
.people__list button:hover{background:#f2f3f5}
.people__name{font-weight:500}
.people__where{color:#8f959e;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.role{font-size:11px;border-radius:4px;padding:0 5px;background:#eff0f1;color:#646a73}
.role--principal{background:#fff3e8;color:#de7802}
.role--bureau{background:#e1eaff;color:#245bdb}
.role--admin{background:#f8e6ff;color:#8d55ed}
.toasts{position:fixed;top:64px;left:50%;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;z-index:10;pointer-events:none}
.toast{background:#fff;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);padding:8px 16px;border-left:4px solid #3370ff;transition:opacity .4s}
.toast--success{border-left-color:#34c724}
.toast--error{border-left-color:#f54a45}
.toast--warning{border-left-color:#ff8800}
.toast.is-leaving{opacity:0}
.is-busy{opacity:.6;pointer-events:none}
body.is-ticking .clock__jump button{opacity:.6}
@media (max-width:900px){
  .layout{grid-template-columns:1fr}
  .tabs{display:flex;background:#fff;border-bottom:1px solid #dee0e3}
  .tabs button{flex:1;border:0;background:none;padding:8px;color:#646a73}
  body[data-pane=chats] .tabs [data-show-pane=chats],body[data-pane=chat] .tabs [data-show-pane=chat],body[data-pane=side] .tabs [data-show-pane=side]{color:#3370ff;box-shadow:inset 0 -2px #3370ff}
  .pane{display:none}
  body[data-pane=chats] .pane--chats,body[data-pane=side] .pane--side{display:block}
  body[data-pane=chat] .pane--chat{display:flex}
  .topbar{flex-wrap:wrap;gap:8px}
  .topbar__brand span{display:none}
  .actor{max-width:100%;margin-left:0;order:3;flex:1}
  .topbar__clock{margin-left:auto}
  .msg__card{width:calc(100vw - 70px)}
  .thread__replies{margin-left:16px}
}
`;
