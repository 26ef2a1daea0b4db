/**
 * zego-elements: Web Components for real-time audio/video calls in the ZEGO Express model.
 * The package root: the engine contract and core types (elements register from here as they land).
 */
export * from './core/index.js';
