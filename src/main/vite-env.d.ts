// import.meta.env in the main process: electron-vite replaces it at build time (DEV is true only
// in the `electron-vite dev` build).
/// <reference types="vite/client" />
// `import path from '…png?asset'`: electron-vite copies the file beside the build, gives its path.
/// <reference types="electron-vite/node" />
