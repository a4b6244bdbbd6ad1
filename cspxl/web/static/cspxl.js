// The page works without this script; it adds GOV.UK Frontend's behaviour (drag-and-drop onto the file
// inputs among it), a progress bar while files are sent, and a job page that follows its job by itself.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

const box = document.querySelector('[data-progress-url]')
if (box) {
  const text = document.getElementById('progress-text')
  const bar = document.getElementById('progress-bar')
  const follow = async () => {
    try {
      const answer = await fetch(box.dataset.progressUrl, { credentials: 'same-origin', cache: 'no-store' })
      const job = await answer.json()
      if (job.finished) {
        window.location.reload()
        return
      }
      if (job.total) {
        bar.max = job.total
        bar.value = job.done
        text.textContent = `${job.done} of ${job.total} done.`
      }
    } catch (error) {
      text.textContent = 'Lost touch with cspxl: reload the page.'
      return
    }
    window.setTimeout(follow, 500)
  }
  window.setTimeout(follow, 500)
}

for (const form of document.querySelectorAll('form.cspxl-upload')) {
  form.addEventListener('submit', (event) => {
    if (!window.FormData || form.dataset.sending) return
    event.preventDefault()
    form.dataset.sending = 'yes'
    const status = document.createElement('p')
    status.className = 'govuk-body'
    status.setAttribute('role', 'status')
    const bar = document.createElement('progress')
    bar.className = 'cspxl-progress__bar'
    bar.max = 1
    bar.value = 0
    bar.setAttribute('aria-label', 'Files sent')
    form.append(status, bar)
    const request = new XMLHttpRequest()
    request.open('POST', form.action)
    request.upload.addEventListener('progress', (sent) => {
      if (!sent.lengthComputable) return
      bar.max = sent.total
      bar.value = sent.loaded
      const mb = (n) => (n / 1048576).toFixed(1)
      status.textContent = `Sending the files: ${mb(sent.loaded)} of ${mb(sent.total)} MB.`
    })
    request.addEventListener('load', () => {
      if (request.status === 200 && request.responseURL) {
        window.location.assign(request.responseURL)
      } else {
        form.submit() // the page's own answer (a job already running, a file too large) shows as without script
      }
    })
    request.addEventListener('error', () => form.submit())
    request.send(new FormData(form))
  })
}
