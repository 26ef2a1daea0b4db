// Registers the elements, then mounts the app.
import 'zego-elements';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
