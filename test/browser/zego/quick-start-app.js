// A call page written the way ZEGO's web quick-starts are written: plain script, ZEGO's SDK calls
// only, no kit code. The engine class is a parameter, so the same page runs on ZEGO's SDK class or
// on the mesh engine (`ZegoExpressEngine = MeshEngine`).

/**
 * Sets up one user's page: `<div id="<user>-local">` for the own camera, `<div id="<user>-remote">`
 * where others' views are played, and `state` recording what the page's listeners saw.
 */
export function createQuickStart(ZegoExpressEngine, { appID, server, roomID, userID, token, codec }) {
  const zg = new ZegoExpressEngine(appID, server);
  const state = {
    version: zg.getVersion(),
    modern: false,
    roomState: '',
    users: [],
    remoteViews: {},
    messages: [],
    barrages: [],
    commands: [],
    roomExtra: {},
    publisher: '',
    playQuality: {},
    publishQuality: undefined,
  };
  const local = document.createElement('div');
  local.id = `${userID}-local`;
  local.style.cssText = 'width:320px;height:240px';
  const remote = document.createElement('div');
  remote.id = `${userID}-remote`;
  remote.style.cssText = 'width:320px;height:240px';
  document.body.append(local, remote);

  zg.setDebugVerbose(false);
  zg.setLogConfig({ logLevel: 'error', remoteLogLevel: 'disable', logURL: '' });
  // The common check of quick-starts: 2.17 and later have createZegoStream.
  state.modern = !(zg.getVersion() < '2.17.0');

  zg.on('roomStateChanged', (_roomID, reason) => {
    state.roomState = reason;
  });
  zg.on('roomUserUpdate', (_roomID, updateType, userList) => {
    for (const user of userList) {
      if (updateType === 'ADD') state.users.push(user.userID);
      else state.users = state.users.filter((id) => id !== user.userID);
    }
  });
  zg.on('roomStreamUpdate', async (_roomID, updateType, streamList) => {
    for (const stream of streamList) {
      if (updateType === 'ADD') {
        const remoteStream = await zg.startPlayingStream(stream.streamID);
        const remoteView = zg.createRemoteStreamView(remoteStream);
        remoteView.play(remote, { objectFit: 'cover' });
        state.remoteViews[stream.streamID] = remoteView;
      } else {
        zg.stopPlayingStream(stream.streamID);
        state.remoteViews[stream.streamID]?.stop();
        delete state.remoteViews[stream.streamID];
      }
    }
  });
  zg.on('publisherStateUpdate', (result) => {
    state.publisher = result.state;
  });
  zg.on('publishQualityUpdate', (_streamID, stats) => {
    state.publishQuality = stats;
  });
  zg.on('playQualityUpdate', (streamID, stats) => {
    state.playQuality[streamID] = stats;
  });
  zg.on('IMRecvBroadcastMessage', (_roomID, chatData) => {
    for (const m of chatData) state.messages.push(`${m.fromUser.userID}: ${m.message}`);
  });
  zg.on('IMRecvBarrageMessage', (_roomID, chatData) => {
    for (const m of chatData) state.barrages.push(`${m.fromUser.userID}: ${m.message}`);
  });
  zg.on('IMRecvCustomCommand', (_roomID, fromUser, command) => {
    state.commands.push(`${fromUser.userID}: ${command}`);
  });
  zg.on('roomExtraInfoUpdate', (_roomID, list) => {
    for (const info of list) state.roomExtra[info.key] = info.value;
  });

  let localStream;
  return {
    zg,
    state,
    local,
    remote,
    /** What the browser can do: the whole check, as quick-starts show it. */
    check() {
      return zg.checkSystemRequirements();
    },
    /** The camera and microphone, shown mirrored in the local box. */
    async capture() {
      localStream = await zg.createZegoStream();
      localStream.playVideo(local, { mirror: true });
      return localStream;
    },
    /** Checks, logs in, captures and publishes. */
    async start() {
      await this.check();
      await zg.loginRoom(roomID, token, { userID, userName: userID }, { userUpdate: true });
      await this.capture();
      zg.startPublishingStream(`${userID}_main`, localStream, codec ? { videoCodec: codec } : {});
      return localStream;
    },
    get localStream() {
      return localStream;
    },
    async stop() {
      zg.stopPublishingStream(`${userID}_main`);
      if (localStream) zg.destroyStream(localStream);
      zg.logoutRoom(roomID);
      zg.destroyEngine();
      local.remove();
      remote.remove();
    },
  };
}
