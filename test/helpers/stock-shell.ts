import type { ShellStartupFile } from '../../src/collect/hooks/shell-startup';
import { configFile } from './hook-facts';

// Start-up files as distributions and popular tools ship them: the benign look-alikes every
// shell rule must stay silent on.

export const DEBIAN_BASH_BASHRC = `[ -z "$PS1" ] && return
shopt -s checkwinsize
if [ -z "\${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi
if ! [ -n "\${SUDO_USER}" -a -n "\${SUDO_PS1}" ]; then
  PS1='\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
fi
# enable bash completion in interactive shells
#if ! shopt -oq posix; then
#  if [ -f /usr/share/bash-completion/bash_completion ]; then
#    . /usr/share/bash-completion/bash_completion
#  fi
#fi
if [ -x /usr/lib/command-not-found -o -x /usr/share/command-not-found/command-not-found ]; then
	function command_not_found_handle {
                if [ -x /usr/lib/command-not-found ]; then
		   /usr/lib/command-not-found -- "$1"
                   return $?
		else
		   printf "%s: command not found\\n" "$1" >&2
		   return 127
		fi
	}
fi
`;

export const DEBIAN_SKEL_BASHRC = `case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
shopt -s histappend
HISTSIZE=1000
HISTFILESIZE=2000
shopt -s checkwinsize
case "$TERM" in
xterm*|rxvt*)
    PS1="\\[\\e]0;\${debian_chroot:+($debian_chroot)}\\u@\\h: \\w\\a\\]$PS1"
    ;;
esac
if [ -x /usr/bin/dircolors ]; then
    test -r ~/.dircolors && eval "$(dircolors -b ~/.dircolors)" || eval "$(dircolors -b)"
    alias ls='ls --color=auto'
    alias grep='grep --color=auto'
fi
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'
alias alert='notify-send --urgency=low -i "$([ $? = 0 ] && echo terminal || echo error)" "$(history|tail -n1|sed -e '\\''s/^\\s*[0-9]\\+\\s*//;s/[;&|]\\s*alert$//'\\'')"'
if [ -f ~/.bash_aliases ]; then
    . ~/.bash_aliases
fi
if ! shopt -oq posix; then
  if [ -f /usr/share/bash-completion/bash_completion ]; then
    . /usr/share/bash-completion/bash_completion
  elif [ -f /etc/bash_completion ]; then
    . /etc/bash_completion
  fi
fi
`;

/** nvm, pyenv, conda, cargo and sdkman init blocks as their installers append them. */
export const DEVELOPER_BASHRC_TAIL = `export NVM_DIR="$HOME/.nvm"
[ -s "$NVM_DIR/nvm.sh" ] && \\. "$NVM_DIR/nvm.sh"  # This loads nvm
[ -s "$NVM_DIR/bash_completion" ] && \\. "$NVM_DIR/bash_completion"
export PYENV_ROOT="$HOME/.pyenv"
export PATH="$PYENV_ROOT/bin:$PYENV_ROOT/shims:$PATH"
eval "$(pyenv init -)"
# >>> conda initialize >>>
__conda_setup="$('/home/dev/miniconda3/bin/conda' 'shell.bash' 'hook' 2> /dev/null)"
if [ $? -eq 0 ]; then
    eval "$__conda_setup"
else
    if [ -f "/home/dev/miniconda3/etc/profile.d/conda.sh" ]; then
        . "/home/dev/miniconda3/etc/profile.d/conda.sh"
    else
        export PATH="/home/dev/miniconda3/bin:$PATH"
    fi
fi
unset __conda_setup
# <<< conda initialize <<<
. "$HOME/.cargo/env"
export SDKMAN_DIR="$HOME/.sdkman"
[[ -s "$HOME/.sdkman/bin/sdkman-init.sh" ]] && source "$HOME/.sdkman/bin/sdkman-init.sh"
source ~/.local/share/blesh/ble.sh --noattach
export PROMPT_COMMAND="history -a; history -c; history -r; $PROMPT_COMMAND"
alias ssh='ssh -A'
alias sudo='sudo '
alias top='htop'
alias ls='eza --icons'
alias kill='kill -9'
`;

export const VTE_PROFILE_D = `__vte_osc7 () {
  printf "\\033]7;file://%s%s\\033\\\\" "\${HOSTNAME}" "$(__vte_urlencode "\${PWD}")"
}
__vte_prompt_command() {
  local command=$(HISTTIMEFORMAT= history 1 | sed 's/^ *[0-9]\\+ *//')
  printf '\\033]777;notify;Command completed;%s\\033\\\\\\033]0;%s@%s:%s\\033\\\\' "\${command}" "\${USER}" "\${HOSTNAME%%.*}" "\${pwd}"
  __vte_osc7
}
case "$TERM" in
  xterm*|vte*)
    [ -n "\${BASH_VERSION:-}" ] && PROMPT_COMMAND="__vte_prompt_command"
    [ -n "\${ZSH_VERSION:-}"  ] && precmd_functions+=(__vte_osc7)
    ;;
esac
`;

export const BASH_COMPLETION_PROFILE_D = `if [ -n "\${BASH_VERSION-}" -a -n "\${PS1-}" -a -z "\${BASH_COMPLETION_VERSINFO-}" ]; then
    if [ \${BASH_VERSINFO[0]} -gt 4 ] || [ \${BASH_VERSINFO[0]} -eq 4 -a \${BASH_VERSINFO[1]} -ge 1 ]; then
        [ -r "\${XDG_CONFIG_HOME:-$HOME/.config}/bash_completion" ] && . "\${XDG_CONFIG_HOME:-$HOME/.config}/bash_completion"
        if shopt -q progcomp && [ -r /usr/share/bash-completion/bash_completion ]; then
            . /usr/share/bash-completion/bash_completion
        fi
    fi
fi
`;

/** RHEL /etc/bashrc prompt part and profile.d/colorls.sh. */
export const RHEL_BASHRC = `if [ -z "$PROMPT_COMMAND" ]; then
  case $TERM in
  xterm*|vte*)
    if [ -e /etc/sysconfig/bash-prompt-xterm ]; then
        PROMPT_COMMAND=/etc/sysconfig/bash-prompt-xterm
    elif [ "\${VTE_VERSION:-0}" -ge 3405 ]; then
        PROMPT_COMMAND="__vte_prompt_command"
    else
        PROMPT_COMMAND='printf "\\033]0;%s@%s:%s\\007" "\${USER}" "\${HOSTNAME%%.*}" "\${PWD/#$HOME/\\~}"'
    fi
    ;;
  screen*)
    PROMPT_COMMAND='printf "\\033k%s@%s:%s\\033\\\\" "\${USER}" "\${HOSTNAME%%.*}" "\${PWD/#$HOME/\\~}"'
    ;;
  esac
fi
alias ll='ls -l --color=auto' 2>/dev/null
alias l.='ls -d .* --color=auto' 2>/dev/null
alias ls='ls --color=auto' 2>/dev/null
alias which='(alias; declare -f) | /usr/bin/which --tty-only --read-alias --read-functions --show-tilde --show-dot'
`;

export const AUDIT_PROFILE_D = `export PROMPT_COMMAND='RETRN_VAL=$?;logger -p local6.debug "$(whoami) [$$]: $(history 1 | sed "s/^[ ]*[0-9]\\+[ ]*//" ) [$RETRN_VAL]"'
readonly PROMPT_COMMAND
`;

export function systemFile(path: string, text: string): ShellStartupFile {
  return configFile(path, text);
}

export function userFile(user: string, home: string, name: string, text: string): ShellStartupFile {
  return { ...configFile(`${home}/${name}`, text), user, home };
}

/** A clean Debian-ish host plus a developer account: nothing here may produce a finding. */
export function stockShellFiles(): ShellStartupFile[] {
  return [
    systemFile('/etc/bash.bashrc', DEBIAN_BASH_BASHRC),
    systemFile('/etc/profile.d/vte-2.91.sh', VTE_PROFILE_D),
    systemFile('/etc/profile.d/bash_completion.sh', BASH_COMPLETION_PROFILE_D),
    systemFile('/etc/bashrc', RHEL_BASHRC),
    systemFile('/etc/profile.d/cmd-audit.sh', AUDIT_PROFILE_D),
    userFile('root', '/root', '.bashrc', DEBIAN_SKEL_BASHRC),
    userFile('dev', '/home/dev', '.bashrc', DEBIAN_SKEL_BASHRC + DEVELOPER_BASHRC_TAIL),
  ];
}
