/** Type-level: MeshEngine (generic `on` over the kit's event map) satisfies the contract. */
import type { ZegoEngine } from '../../src/core/engine.js';
import type { MeshEngine } from '../../src/mesh/mesh-engine.js';

declare const mesh: MeshEngine;
export const asContract: ZegoEngine = mesh;
