/** Names shared by the preload and the main process for the IPC bridge. */
export const ipcChannelPrefix = 'trustbridge:';
/** The event channel the main process pushes app events (progress, opened files) on. */
export const ipcEventChannel = 'trustbridge:event';
