// The web app's entry point, the only script the page loads: the pages register themselves on
// import, then the app starts.
import {start} from "./app.js";
import "./pages.js";

start();
