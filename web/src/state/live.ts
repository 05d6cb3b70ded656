// The app's one live socket.
import { LiveSocket, liveUrl } from '../api/LiveSocket.ts';

export const live = new LiveSocket(liveUrl());
