import './zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'
import { VaultGate } from './vault/vault-gate'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <VaultGate />
    </StrictMode>,
  )
}
