-- Neovim's built-in LSP client against `confnotes lsp --stdio`, headless. Only APIs Neovim 0.7 (Debian 12) has:
-- vim.lsp.start_client, buf_attach_client, buf_request_sync, vim.diagnostic.get, util.apply_workspace_edit.
-- Run by test/nvim/neovim.test.ts: nvim --headless --clean -c 'luafile test/nvim/lsp.lua' NOTES_FILE
-- with CONFNOTES_CLI (dist/cli.js) and CONFNOTES_REPORT (where the JSON report goes) in the environment.
-- The script only observes and reports; the test asserts on the report.

local report = { steps = {} }
local function step(name) table.insert(report.steps, name) end

local function finish()
  local file = io.open(os.getenv('CONFNOTES_REPORT'), 'w')
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd('qall!')
end

local ok, err = xpcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  report.filetype = vim.bo[bufnr].filetype
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local client_id = vim.lsp.start_client({
    name = 'conference-notes',
    cmd = { 'node', os.getenv('CONFNOTES_CLI'), 'lsp', '--stdio' },
    root_dir = root,
    on_exit = function(code) report.exit_code = code end,
  })
  report.client_started = client_id ~= nil
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('attached')

  -- Diagnostics arrive by publishDiagnostics.
  vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diagnostics = vim.diagnostic.get(bufnr)
  report.diagnostics = {}
  local ammend
  for _, d in ipairs(diagnostics) do
    table.insert(report.diagnostics, { line = d.lnum, col = d.col, code = d.code, source = d.source, message = d.message })
    if d.code == 'spelling' and d.message:find("'ammend'", 1, true) then ammend = d end
  end
  step('diagnostics')

  -- The code action at the typo, asked as `vim.lsp.buf.code_action()` asks: the cursor's range, and the line's
  -- diagnostics turned back into LSP diagnostics by the client.
  report.has_typo = ammend ~= nil
  if ammend then
    vim.api.nvim_win_set_cursor(0, { ammend.lnum + 1, ammend.col })
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000) or {}
    report.actions = {}
    local change
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(report.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred == true })
        if action.title == "Change to 'amend'" then change = action end
      end
    end
    step('code actions')
    if change and change.edit then
      vim.lsp.util.apply_workspace_edit(change.edit, 'utf-16')
      report.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1]
      step('fixed')
      -- The edit goes to the server as didChange; the diagnostics come back without the typo.
      report.typo_gone = vim.wait(30000, function()
        for _, d in ipairs(vim.diagnostic.get(bufnr)) do
          if d.message:find("'ammend'", 1, true) then return false end
        end
        return #vim.diagnostic.get(bufnr) > 0
      end, 50)
      report.diagnostics_after_fix = #vim.diagnostic.get(bufnr)
    end
  end

  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 20000) or {}
  report.symbols = {}
  for _, response in pairs(symbols) do
    for _, symbol in ipairs(response.result or {}) do
      local children = {}
      for _, child in ipairs(symbol.children or {}) do table.insert(children, child.detail .. ': ' .. child.name) end
      table.insert(report.symbols, { name = symbol.name, children = children })
    end
  end
  step('symbols')

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return report.exit_code ~= nil end, 50)
  step('stopped')
end, debug.traceback)

if not ok then report.error = tostring(err) end
finish()
