// Compiled by `tsc -p examples/react` (never bundled): proves the JSX typings reject mistakes.
import type {} from 'zego-elements/react';

export const typeChecks = [
  // @ts-expect-error pageSize is a number
  <zego-stream-grid pageSize="nine" />,
  // @ts-expect-error provider is 'mesh' or 'zego'
  <zego-room provider="agora" />,
  // @ts-expect-error no such property
  <zego-remote-stream streamID="s" />,
  // @ts-expect-error the detail of zego-room-state-change has no `foo`
  <zego-room onzego-room-state-change={(event) => event.detail.foo} />,
  // @ts-expect-error the handler of zego-preview-ready gets a CustomEvent<{stream: MediaStream}>
  <zego-preview onzego-preview-ready={(event: CustomEvent<number>) => event.detail} />,
  // @ts-expect-error open is a boolean
  <zego-chat open="yes" />,
  // @ts-expect-error the detail of zego-chat-unread is {count: number}
  <zego-chat onzego-chat-unread={(event) => event.detail.unread} />,
  // @ts-expect-error prejoin is 'on' or 'off'
  <zego-call prejoin="maybe" />,
  // @ts-expect-error the detail of zego-call-end has no `why`
  <zego-call onzego-call-end={(event) => event.detail.why} />,
  // These are right.
  <zego-call roomId="r" userId="u" prejoin="off" showChat={false} onzego-call-end={(event) => event.detail.reason} />,
  <zego-room roomId="r" userId="u" appId={1} loginTimeout={5000} onzego-error={(event) => event.detail.code} />,
  <zego-room room-id="r" user-id="u" app-id="1" />,
  <zego-stream-grid layout="speaker" pageSize={4} noPublish fit="contain" />,
  <zego-remote-stream streamId="s" onzego-stream-playing={(event) => event.detail.stream.getTracks()} />,
  <zego-call-controls noScreen onzego-leave-request={(event) => event.detail.session.roomID} />,
  <zego-chat open onzego-chat-unread={(event) => event.detail.count.toFixed()} />,
];
