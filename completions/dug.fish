complete -c dug -s B -l block-size -d 'scale sizes by SIZE before printing them' -r
complete -c dug -l exclude -d 'exclude files that match PATTERN' -r
complete -c dug -s X -l exclude-from -d 'exclude files that match any pattern in FILE' -r -F
complete -c dug -l files0-from -d 'summarize device usage of the NUL-terminated file names specified in file F' -r -F
complete -c dug -s d -l max-depth -d 'print the total for a directory (or file, with --all) only if it is N or fewer levels below the command line argument' -r
complete -c dug -s t -l threshold -d 'exclude entries smaller than SIZE if positive, or entries greater than SIZE if negative' -r
complete -c dug -l time -d 'show time of the last modification of any file in the directory, or any of its subdirectories' -r -f -a "atime\t'time of last access'
access\t'the same as atime'
use\t'the same as atime'
ctime\t'time of last status change'
status\t'the same as ctime'"
complete -c dug -l time-style -d 'show times using STYLE: full-iso, long-iso, iso, or +FORMAT' -r -f -a "full-iso\t'2023-11-14 22:13:20.123456789 +0000'
long-iso\t'2023-11-14 22:13 (the default)'
iso\t'2023-11-14'"
complete -c dug -s j -l threads -d 'walk with N worker threads (default 20) [dug]' -r
complete -c dug -l ncdu-export -d 'also write the whole tree to FILE in ncdu\'s export format [dug]' -r -F
complete -c dug -s a -l all -d 'write counts for all files, not just directories'
complete -c dug -l apparent-size -d 'print apparent sizes rather than device usage'
complete -c dug -s b -l bytes -d 'equivalent to \'--apparent-size --block-size=1\''
complete -c dug -s l -l count-links -d 'count sizes many times if hard linked'
complete -c dug -s L -l dereference -d 'dereference all symbolic links'
complete -c dug -s D -l dereference-args -d 'dereference only symlinks that are listed on the command line'
complete -c dug -s h -l human-readable -d 'print sizes in human readable format (e.g., 1K 234M 2G)'
complete -c dug -l inodes -d 'list inode usage information instead of block usage'
complete -c dug -l si -d 'like -h, but use powers of 1000 not 1024'
complete -c dug -s 0 -l null -d 'end each output line with NUL, not newline'
complete -c dug -s P -l no-dereference -d 'don\'t follow any symbolic links (this is the default)'
complete -c dug -s x -l one-file-system -d 'skip directories on different file systems'
complete -c dug -s S -l separate-dirs -d 'for directories do not include size of subdirectories'
complete -c dug -s s -l summarize -d 'display only a total for each argument'
complete -c dug -s c -l total -d 'produce a grand total'
complete -c dug -l help -d 'display this help and exit'
complete -c dug -l version -d 'output version information and exit'
complete -c dug -s k -d 'like --block-size=1K'
complete -c dug -s m -d 'like --block-size=1M'
complete -c dug -s v -l verbose -d 'show progress on standard error while walking [dug]'
complete -c dug -l json -d 'write JSON Lines: an object per record, then a summary [dug]'
