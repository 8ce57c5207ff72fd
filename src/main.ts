// first: every worker started from here on inherits the page's Content-Security-Policy
import './ui/contain/workers.ts';
import { mount } from 'svelte';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Mechanist: #app element missing from index.html');
export default mount(App, { target });
