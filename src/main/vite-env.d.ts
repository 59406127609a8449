// import.meta.env in the main process: electron-vite replaces it at build time (DEV is true only
// in the `electron-vite dev` build).
/// <reference types="vite/client" />
