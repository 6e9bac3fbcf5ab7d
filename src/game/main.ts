// first: the address is cleaned before tfjs reads it (see urlGuard)
import { urlProblems } from './config/urlGuard';
import Phaser from 'phaser';
import { ArenaApp, installApp } from './app';
import { listenForDroppedPolicies } from './ui/policyUpload';
import { ArenaScene } from './scenes/ArenaScene';
import { BootScene } from './scenes/BootScene';
import { MenuScene } from './scenes/MenuScene';
import { TagScene } from './scenes/TagScene';
import { ReferenceScene } from './scenes/ReferenceScene';
import { SpeakerListenerScene } from './scenes/SpeakerListenerScene';
import { SpreadScene } from './scenes/SpreadScene';
import { WorldCommScene } from './scenes/WorldCommScene';
import { CryptoScene } from './scenes/CryptoScene';
import { PushScene } from './scenes/PushScene';
import { chooseRenderer } from './view/rendererChoice';

const renderer = chooseRenderer(window.location.search);
document.documentElement.dataset.renderer = renderer.reason;
const app = new ArenaApp([...urlProblems, ...(renderer.error ? [renderer.error] : [])]);
listenForDroppedPolicies(app);

const game = new Phaser.Game({
  type: renderer.type,
  parent: 'app',
  backgroundColor: '#14161c',
  banner: false,
  input: { gamepad: true },
  scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
  callbacks: { preBoot: (g) => installApp(g, app) },
  scene: [BootScene, MenuScene, ArenaScene, TagScene, SpreadScene, SpeakerListenerScene, ReferenceScene, WorldCommScene, CryptoScene, PushScene],
});
void game;
